package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.catalog.Store;
import com.omnicanal.catalog.StoreOffering;
import com.omnicanal.shared.PhoneNumbers;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** A customer orders for pickup: every line is held at the pickup store at once, or options are offered. */
public final class PlacingOrders {
    private final Catalog catalog;
    private final Orders orders;
    private final PickupOptions options;
    private final OrderMessages messages;
    private final OrderPolicy policy;
    private final Clock clock;
    private final BusinessMetrics metrics;

    PlacingOrders(Catalog catalog, Orders orders, PickupOptions options, OrderMessages messages, OrderPolicy policy,
                  Clock clock, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.orders = orders;
        this.options = options;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * A customer's order. openapi.yaml states its shape, checked before any handler runs; this checks what it cannot
     * say: each SKU once, a contact that can be reached, a phone number that is one.
     */
    public record PlaceOrder(Actor customer, OrderRequest order) {
        public PlaceOrder {
            var violations = new ArrayList<DomainException.Violation>();
            var seen = new HashSet<String>();
            for (int i = 0; i < order.lines().size(); i++) {
                if (!seen.add(order.lines().get(i).sku())) {
                    violations.add(new DomainException.Violation("lines[" + i + "].sku", "appears twice"));
                }
            }
            var contact = order.contact();
            if (contact.name() == null || contact.name().isBlank()) {
                violations.add(new DomainException.Violation("contact.name", "must not be blank"));
            }
            if (blankToNull(contact.email()) == null && contact.phone() == null) {
                violations.add(new DomainException.Violation("contact", "needs an email or a phone number"));
            }
            if (contact.phone() != null && PhoneNumbers.toE164(contact.phone()).isEmpty()) {
                violations.add(new DomainException.Violation("contact.phone", "is not a phone number"));
            }
            if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        }

        /** The contact kept on the order, where its messages go: it never becomes an identity of the buyer's profile. */
        Order.Contact contact() {
            var given = order.contact();
            return new Order.Contact(given.name().strip(), blankToNull(given.email()),
                    given.phone() == null ? null : PhoneNumbers.toE164(given.phone()).orElseThrow());
        }
    }

    /** The order as answered, and whether it replays an earlier identical request. */
    public record Outcome(Order order, boolean replayed) {
    }

    public Outcome place(PlaceOrder command, IdempotencyKey key) {
        return place(command, key, null);
    }

    /** {@code soldBy}: the store and staff member selling it for the customer in front of them (null: online). */
    Outcome place(PlaceOrder command, IdempotencyKey key, Order.SoldBy soldBy) {
        var request = command.order();
        var actor = command.customer();
        var store = pickupStore(request);
        var now = now();
        var lines = new ArrayList<Order.Line>();
        int total = 0;
        for (var line : request.lines()) {
            var product = catalog.product(line.sku()).orElseThrow();
            // the price in force now, online (in store for the endless aisle): the order keeps it, whatever comes later
            int price = product.priceAt(now, soldBy == null ? SalesChannel.WEB : SalesChannel.STORE, catalog.zone());
            lines.add(new Order.Line(product.sku(), product.name(), line.quantity(), price, store.id()));
            total += price * line.quantity();
        }
        var discount = PointsDiscount.of(orders, actor, request.rewardCode(), total, now);
        var contact = command.contact();
        var claim = key.claimAt(now);
        var id = Ids.newId();
        var placed = new Order(id, actor.id(), store.id(), store.name(), lines, contact, request.paymentAuthorization(),
                total, OrderStatus.PLACED, null, 0, false, now, policy.readyBy(store, now), null, null, List.of(),
                List.of(new Order.Event(OrderStatus.PLACED.name(), now, actor.id(), null)), List.of(), now)
                .withDiscount(discount).withSeller(soldBy);
        var result = orders.apply(Orders.Change.of(placed, null).stock(Orders.StockEffect.HOLD)
                .message(messages.message(OrderMessages.PLACED, placed, store)).idempotency(claim)
                .event(OrderEvents.placed(placed)));
        if (result instanceof Orders.Outcome.Applied) {
            metrics.count(BusinessMetrics.Figure.ORDERS_PLACED, store.id(), Map.of("orderId", id));
            return new Outcome(placed, false);
        }
        if (result instanceof Orders.Outcome.Replayed r) return new Outcome(r.order(), true);
        if (result instanceof Orders.Outcome.KeyReused) throw key.reused();
        if (result instanceof Orders.Outcome.CustomerErased) throw erased();
        if (result instanceof Orders.Outcome.RewardUsed) throw PointsDiscount.refused(orders, actor, request.rewardCode(), now);
        // the pickup store lacks something: offer a later date by transfer, or the stores that have every line
        var offered = options.offer(lines, store, now);
        if (offered.isEmpty()) {
            throw new DomainException.InvalidState("no store and no transfer can supply every line of this order now");
        }
        var awaiting = new Order(id, actor.id(), store.id(), store.name(), lines, contact,
                request.paymentAuthorization(), total, OrderStatus.AWAITING_CUSTOMER, null, 0, false, now, null, null,
                null, offered, List.of(new Order.Event(OrderStatus.AWAITING_CUSTOMER.name(), now, actor.id(),
                "not everything is at " + store.name())), List.of(), now).withDiscount(discount).withSeller(soldBy);
        var saved = orders.apply(Orders.Change.of(awaiting, null).idempotency(claim));
        if (saved instanceof Orders.Outcome.Replayed r) return new Outcome(r.order(), true);
        if (saved instanceof Orders.Outcome.KeyReused) throw key.reused();
        if (saved instanceof Orders.Outcome.CustomerErased) throw erased();
        if (saved instanceof Orders.Outcome.RewardUsed) throw PointsDiscount.refused(orders, actor, request.rewardCode(), now);
        return new Outcome(awaiting, false);
    }

    /** The pickup store, once the catalog knows every SKU ordered. */
    private Store pickupStore(OrderRequest request) {
        var violations = new ArrayList<DomainException.Violation>();
        for (int i = 0; i < request.lines().size(); i++) {
            var product = catalog.product(request.lines().get(i).sku());
            if (product.isEmpty()) {
                violations.add(new DomainException.Violation("lines[" + i + "].sku", "is not a known SKU"));
            } else if (!product.get().sellable()) {
                violations.add(new DomainException.Violation("lines[" + i + "].sku", "is no longer sold"));
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        var store = catalog.store(request.pickupStoreId())
                .orElseThrow(() -> new DomainException.NotFound("no store " + request.pickupStoreId()));
        if (!store.offers(StoreOffering.CLICK_AND_COLLECT)) {
            throw new DomainException.InvalidState(store.name() + " does not offer click-and-collect");
        }
        return store;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static DomainException erased() {
        return new DomainException.Forbidden("this account was erased");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
