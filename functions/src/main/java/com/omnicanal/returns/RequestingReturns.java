package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.StoreOffering;
import com.omnicanal.shared.PickupCodes;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationDesk;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A customer asks to return units of a purchase made on any channel, to bring back in any store or by post, and may
 * have a replacement held at once (an exchange).
 */
public final class RequestingReturns {
    private final Catalog catalog;
    private final ReservationDesk reservations;
    private final Returns returns;
    private final Purchases purchases;
    private final ReturnMessages messages;
    private final ReturnPolicy policy;
    private final Clock clock;

    RequestingReturns(Catalog catalog, ReservationDesk reservations, Returns returns, Purchases purchases,
                      ReturnMessages messages, ReturnPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.reservations = reservations;
        this.returns = returns;
        this.purchases = purchases;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * A customer's return. openapi.yaml states its shape, checked before any handler runs; this checks what it cannot
     * say: exactly one purchase named (an order or a receipt), each SKU once, a reason that says something.
     */
    public record RequestReturn(Actor customer, ReturnRequest request) {
        public RequestReturn {
            var violations = new ArrayList<DomainException.Violation>();
            if ((request.orderId() == null) == (request.receiptReference() == null)) {
                violations.add(new DomainException.Violation("orderId", "give either orderId or receiptReference"));
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < request.lines().size(); i++) {
                if (!seen.add(request.lines().get(i).sku())) {
                    violations.add(new DomainException.Violation("lines[" + i + "].sku", "is required, once per return"));
                }
            }
            if (request.reason() == null || request.reason().isBlank()) {
                violations.add(new DomainException.Violation("reason", "must not be blank"));
            }
            if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        }
    }

    public record Outcome(ReturnAuthorization authorization, boolean replayed) {
    }

    public Outcome request(RequestReturn command, IdempotencyKey key) {
        var actor = command.customer();
        var request = command.request();
        var now = now();
        checkStore(request);
        var purchase = purchases.of(actor, request);
        var window = policy.window();
        if (now.isAfter(purchase.soldOn().plus(window))) {
            throw new DomainException.InvalidState("the " + window.toDays() + "-day return window closed on "
                    + purchase.soldOn().plus(window).truncatedTo(ChronoUnit.DAYS));
        }
        var lines = new ArrayList<ReturnAuthorization.Line>();
        for (int i = 0; i < request.lines().size(); i++) {
            var line = request.lines().get(i);
            var bought = purchase.bought().get(line.sku());
            if (bought == null) throw new DomainException.InvalidInput("lines[" + i + "].sku", "was not part of this purchase");
            if (line.quantity() > bought) {
                throw new DomainException.InvalidInput("lines[" + i + "].quantity", "is more than the " + bought + " bought");
            }
            lines.add(new ReturnAuthorization.Line(line.sku(), catalog.product(line.sku()).orElseThrow().name(),
                    line.quantity(), purchase.prices().get(line.sku()), 0, 0));
        }
        var method = ReturnAuthorization.Method.valueOf(request.method().toUpperCase(Locale.ROOT));
        var id = Ids.newId();
        var code = "R" + PickupCodes.next();
        Reservation replacement = null;
        var outbox = new ArrayList<OutboxMessage>();
        if (request.exchange() != null) {
            var ex = request.exchange();
            // held and confirmed as any reservation is: the deployed hold period, the same message
            var hold = reservations.replacement(actor.id(), ex.sku(), ex.storeId(), ex.quantity());
            replacement = hold.reservation();
            outbox.add(hold.confirmation());
        }
        var authorization = new ReturnAuthorization(id, code, "OMNICANAL-RETURN:" + id + ":" + code, actor.id(),
                purchase.source(), purchase.soldAt(), purchase.soldOn(), lines, request.reason().strip(), method,
                request.storeId(), ReturnStatus.REQUESTED, null, null, 0, null,
                replacement == null ? null : replacement.id(),
                List.of(new ReturnAuthorization.Event(ReturnStatus.REQUESTED.name(), now, actor.id(), request.reason().strip())),
                now, now, now.plus(policy.validity()));
        outbox.add(0, messages.message(ReturnMessages.AUTHORIZED, authorization));
        var result = returns.apply(new Returns.Change(authorization, null, purchase.bought(), replacement, null, outbox,
                key.claimAt(now), Map.of()));
        if (result instanceof Returns.Outcome.Applied) return new Outcome(authorization, false);
        if (result instanceof Returns.Outcome.Replayed r) return new Outcome(r.authorization(), true);
        if (result instanceof Returns.Outcome.KeyReused) throw key.reused();
        if (result instanceof Returns.Outcome.TooMany t) {
            throw new DomainException.InvalidInput("lines", t.sku() + ": more units than bought, counting earlier returns");
        }
        if (result instanceof Returns.Outcome.NoReplacementStock) {
            throw new DomainException.InvalidState("the replacement is not available at " + request.exchange().storeId());
        }
        if (result instanceof Returns.Outcome.CustomerErased) throw new DomainException.Forbidden("this account was erased");
        throw new IllegalStateException("return " + id + " was refused: " + result);
    }

    /** The store it names to bring the units back to is one. */
    private void checkStore(ReturnRequest request) {
        if (request.storeId() == null) return;
        var intended = catalog.store(request.storeId())
                .orElseThrow(() -> new DomainException.InvalidInput("storeId", "is not a store"));
        if (!intended.offers(StoreOffering.RETURNS)) throw new DomainException.InvalidInput("storeId", "does not take returns");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
