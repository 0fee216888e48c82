package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.StoreOffering;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reception in a store (or at the web warehouse, location WEB, for returns by post): resellable units are restocked
 * there, damaged ones written off; the refund is then pending. The return received is a business event in the same
 * write.
 */
public final class ReceivingReturns {
    private final Catalog catalog;
    private final Returns returns;
    private final ReturnMessages messages;
    private final Clock clock;

    ReceivingReturns(Catalog catalog, Returns returns, ReturnMessages messages, Clock clock) {
        this.catalog = catalog;
        this.returns = returns;
        this.messages = messages;
        this.clock = clock;
    }

    /** Counted units of one SKU at reception; {@code condition} is resellable or damaged. */
    public record Counted(String sku, Integer quantity, String condition) {
    }

    /**
     * Reception closes the authorization: units that did not come are given back to the purchase, in the same write.
     * A second reception changes nothing.
     */
    public ReturnAuthorization receive(Actor actor, String location, String id, List<Counted> counted) {
        var store = StockLevel.WEB.equals(location) ? null
                : catalog.store(location).orElseThrow(() -> new DomainException.NotFound("no store " + location));
        actor.requireStore(location);
        if (store != null && !store.offers(StoreOffering.RETURNS)) throw new DomainException.InvalidState(store.name() + " does not take returns");
        var authorization = returns.find(id).orElseThrow(() -> new DomainException.NotFound("no return " + id));
        if (authorization.status() != ReturnStatus.REQUESTED) {
            throw new DomainException.InvalidState("return " + id + " was already " + authorization.status());
        }
        if (authorization.method() == ReturnAuthorization.Method.POST && !StockLevel.WEB.equals(location)) {
            throw new DomainException.InvalidState("return " + id + " comes by post: the web warehouse receives it");
        }
        var byLine = counts(authorization, counted);
        var now = now();
        int refund = 0;
        var lines = new ArrayList<ReturnAuthorization.Line>();
        for (var line : authorization.lines()) {
            var c = byLine.getOrDefault(line.sku(), new int[2]);
            refund += (c[0] + c[1]) * line.unitPriceCents();
            lines.add(new ReturnAuthorization.Line(line.sku(), line.productName(), line.quantity(), line.unitPriceCents(),
                    c[0], c[1]));
        }
        var next = authorization.received(location, now, lines, refund)
                .moveTo(ReturnStatus.RECEIVED, now, actor.id(), null)
                .moveTo(ReturnStatus.REFUND_PENDING, now, actor.id(), null);
        var received = new BusinessEvent.ReturnReceived(id, next.customerId(), StockLevel.WEB.equals(location) ? null : location,
                next.lines().stream().map(ReturnAuthorization.Line::sku).collect(Collectors.toSet()), now, next.soldAt());
        var result = returns.apply(new Returns.Change(next, ReturnStatus.REQUESTED, null, null, location,
                List.of(messages.message(ReturnMessages.RECEIVED, next)), null, authorization.unitsGivenBackBy(next), received));
        if (!(result instanceof Returns.Outcome.Applied)) {
            throw new DomainException.InvalidState("return " + id + " was received meanwhile");
        }
        return next;
    }

    /** Resellable and damaged units per SKU: only SKUs of the return, never more units than it authorized. */
    private static Map<String, int[]> counts(ReturnAuthorization authorization, List<Counted> counted) {
        var byLine = new LinkedHashMap<String, int[]>();
        var violations = new ArrayList<DomainException.Violation>();
        for (int i = 0; i < counted.size(); i++) {
            var c = counted.get(i);
            var authorized = authorization.lines().stream().filter(l -> l.sku().equals(c.sku())).findFirst();
            if (authorized.isEmpty()) {
                violations.add(new DomainException.Violation("lines[" + i + "].sku", "is not on this return"));
                continue;
            }
            var counts = byLine.computeIfAbsent(c.sku(), k -> new int[2]);
            counts["resellable".equalsIgnoreCase(c.condition()) ? 0 : 1] += c.quantity();
            if (counts[0] + counts[1] > authorized.get().quantity()) {
                violations.add(new DomainException.Violation("lines[" + i + "].quantity",
                        "more than the " + authorized.get().quantity() + " authorized"));
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        return byLine;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
