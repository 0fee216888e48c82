package com.omnicanal.returns;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/** Ops decide on a return: they record its refund, or reject it with the reason the customer is told. */
public final class ReturnDecisions {
    private final Returns returns;
    private final ReturnMessages messages;
    private final Clock clock;

    ReturnDecisions(Returns returns, ReturnMessages messages, Clock clock) {
        this.returns = returns;
        this.messages = messages;
        this.clock = clock;
    }

    /** {@code reference}: the refund's reference on the payment side. */
    public ReturnAuthorization refund(Actor actor, String id, String reference) {
        requireOps(actor);
        var current = returns.find(id).orElseThrow(() -> new DomainException.NotFound("no return " + id));
        var now = now();
        var next = current.refunded(reference).moveTo(ReturnStatus.REFUNDED, now, actor.id(), reference);
        // received at a store, or at the web warehouse (by post): the KPIs count the time it took to refund
        var refunded = new BusinessEvent.ReturnRefunded(id, next.customerId(),
                StockLevel.WEB.equals(next.receivedAt()) ? null : next.receivedAt(),
                next.lines().stream().map(ReturnAuthorization.Line::sku).collect(Collectors.toSet()), next.soldAt(),
                next.receivedOn(), now);
        return applied(current, next, ReturnMessages.REFUNDED, refunded);
    }

    /** Ops refuse the return; refused before reception, the units it held can be returned again. */
    public ReturnAuthorization reject(Actor actor, String id, String reason) {
        requireOps(actor);
        if (reason == null || reason.isBlank()) throw new DomainException.InvalidInput("reason", "must not be blank");
        var current = returns.find(id).orElseThrow(() -> new DomainException.NotFound("no return " + id));
        return applied(current, current.moveTo(ReturnStatus.REJECTED, now(), actor.id(), reason.strip()),
                ReturnMessages.REJECTED, null);
    }

    private ReturnAuthorization applied(ReturnAuthorization current, ReturnAuthorization next, String kind,
                                        BusinessEvent event) {
        var result = returns.apply(new Returns.Change(next, current.status(), null, null, null,
                List.of(messages.message(kind, next)), null, current.unitsGivenBackBy(next), event));
        if (!(result instanceof Returns.Outcome.Applied)) {
            throw new DomainException.InvalidState("return " + next.id() + " changed meanwhile; read it again");
        }
        return next;
    }

    private static void requireOps(Actor actor) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("refunds and rejections are for ops");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
