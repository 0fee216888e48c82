package com.omnicanal.routing;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.shared.Ids;
import com.omnicanal.shared.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer orders for home delivery: routing picks the places, each shipment's lines are held there in the same
 * transaction as the order (never below safety stock, never past a store's day's capacity), and the customer is told.
 * When another order took the stock or the capacity first, the order is routed again on what is left.
 */
public final class PlacingDeliveryOrders {
    /** Routing again after losing a race is cheap; past this many, the stock is moving too fast to promise anything. */
    static final int ATTEMPTS = 6;

    private final Catalog catalog;
    private final Deliveries deliveries;
    private final ShipmentPlanning planning;
    private final Clock clock;

    PlacingDeliveryOrders(Catalog catalog, Deliveries deliveries, ShipmentPlanning planning, Clock clock) {
        this.catalog = catalog;
        this.deliveries = deliveries;
        this.planning = planning;
        this.clock = clock;
    }

    public record Outcome(DeliveryOrder order, List<Shipment> shipments, boolean replayed) {
    }

    public Outcome place(Actor actor, DeliveryOrderRequest request, IdempotencyKey key) {
        if (actor.role() != Actor.Role.CUSTOMER) {
            throw new DomainException.Forbidden("customers place delivery orders; staff use the endless aisle");
        }
        return place(actor.id(), null, request, key);
    }

    /**
     * The endless aisle: staff sell what their store lacks to the customer in front of them, delivered home from
     * wherever routing finds it; the order keeps the selling store and staff member, and the store's price.
     */
    public Outcome placeInStore(Actor actor, String storeId, DeliveryOrderRequest request, IdempotencyKey key) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        if (actor.role() != Actor.Role.STAFF) throw new DomainException.Forbidden("only store staff sell in store");
        actor.requireStore(storeId);
        boolean guest = request.customerId() == null || request.customerId().isBlank();
        if (guest && request.rewardCode() != null && !request.rewardCode().isBlank()) {
            // a points code is its owner's: staff present the code of the known customer in front of them
            throw new DomainException.InvalidInput("rewardCode",
                    "needs the customer in front of you (customerId): a guest has no points code");
        }
        var customer = guest ? Ids.newGuest() : request.customerId().strip();
        return place(customer, new DeliveryOrder.SoldBy(storeId, actor.id()), request, key);
    }

    Outcome place(String customerId, DeliveryOrder.SoldBy soldBy, DeliveryOrderRequest request, IdempotencyKey key) {
        // one read of the catalogue for every line, checked then priced from it
        var products = catalog.products(request.lines().stream().map(DeliveryOrderRequest.LineRequest::sku).toList());
        var destination = checked(request, products);
        var now = now();
        var lines = new ArrayList<DeliveryOrder.Line>();
        int total = 0;
        for (var line : request.lines()) {
            var product = products.get(line.sku());
            // the price in force now on the channel it is sold on: the order keeps it, whatever the catalogue says later
            int price = product.priceAt(now, soldBy == null ? SalesChannel.WEB : SalesChannel.STORE, catalog.zone());
            lines.add(new DeliveryOrder.Line(product.sku(), product.name(), line.quantity(), price));
            total += price * line.quantity();
        }
        var discount = discount(customerId, request.rewardCode(), total);
        var given = request.contact();
        var contact = new DeliveryOrder.Contact(given.name().strip(), blankToNull(given.email()),
                given.phone() == null ? null : PhoneNumbers.toE164(given.phone()).orElseThrow());
        var routed = lines.stream().map(l -> new RoutingRequest.Line(l.sku(), l.quantity())).toList();
        var draft = new DeliveryOrder(Ids.newId(), customerId, lines, request.address(), request.deliveryOption(),
                Boolean.TRUE.equals(request.oneParcel()), contact, request.paymentAuthorization(), total,
                DeliveryOrder.Status.IN_FULFILMENT, List.of(), List.of(), 0, soldBy, now, now, discount);
        var claim = key.claimAt(now);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            var plan = planning.plan(draft, routed, Set.of(), destination, now, draft.amountDueCents());
            var order = draft.with(plan.waiting().isEmpty() ? DeliveryOrder.Status.IN_FULFILMENT
                    : DeliveryOrder.Status.AWAITING_STOCK, plan.waiting(), now)
                    .routed(plan.allocations().stream().map(Deliveries.Allocation::shipment).toList());
            var decision = new Deliveries.StoredDecision(order.id(), 1, now, "placed", plan.decision());
            var result = deliveries.apply(new Deliveries.Change(order, null, plan.allocations(), null, null, decision,
                    plan.day(), List.of(DeliveryMessages.confirmed(order, now)), claim));
            if (result instanceof Deliveries.Outcome.Applied) {
                return new Outcome(order, plan.allocations().stream().map(Deliveries.Allocation::shipment).toList(), false);
            }
            if (result instanceof Deliveries.Outcome.Replayed r) {
                return new Outcome(r.order(), deliveries.shipments(r.order().id()), true);
            }
            if (result instanceof Deliveries.Outcome.KeyReused) throw key.reused();
            if (result instanceof Deliveries.Outcome.CustomerErased) {
                throw new DomainException.Forbidden("this account was erased");
            }
            if (result instanceof Deliveries.Outcome.RewardUsed) {
                // expired, or used meanwhile (another order, the till): the same answers as a pickup order's
                throw deliveries.reward(discount.code()).map(r -> r.refusedToOrder(customerId, now))
                        .orElseGet(() -> new DomainException.InvalidState("this code was already used"));
            }
            // Contended: another order took the units or the capacity between our read and our write; route again
        }
        throw new DomainException.InvalidState("the stock of this order is changing too fast; try again in a moment");
    }

    /**
     * The customer's points code paying part of the order, checked for a clear answer before the write that uses it
     * (the rules of the one reward-code mechanism, as on a pickup order); null without one.
     */
    private DeliveryOrder.Discount discount(String customerId, String typed, int totalCents) {
        if (typed == null || typed.isBlank()) return null;
        var code = RewardCode.normalize(typed);
        var reward = deliveries.reward(code).orElseThrow(() -> new DomainException.NotFound("no reward code " + code));
        return new DeliveryOrder.Discount(code, reward.points(), reward.amountOffOrder(customerId, totalCents));
    }

    /** What openapi.yaml cannot say: each SKU once and known, a reachable contact, an address routing can place. */
    private GeoPoint checked(DeliveryOrderRequest request, java.util.Map<String, com.omnicanal.catalog.Product> products) {
        var violations = new ArrayList<DomainException.Violation>();
        var seen = new HashSet<String>();
        for (int i = 0; i < request.lines().size(); i++) {
            var sku = request.lines().get(i).sku();
            var product = products.get(sku);
            if (!seen.add(sku)) violations.add(new DomainException.Violation("lines[" + i + "].sku", "appears twice"));
            else if (product == null) {
                violations.add(new DomainException.Violation("lines[" + i + "].sku", "is not a known SKU"));
            } else if (!product.sellable()) {
                violations.add(new DomainException.Violation("lines[" + i + "].sku", "is no longer sold"));
            }
        }
        var contact = request.contact();
        if (contact.name() == null || contact.name().isBlank()) {
            violations.add(new DomainException.Violation("contact.name", "must not be blank"));
        }
        if (blankToNull(contact.email()) == null && contact.phone() == null) {
            violations.add(new DomainException.Violation("contact", "needs an email or a phone number"));
        }
        if (contact.phone() != null && PhoneNumbers.toE164(contact.phone()).isEmpty()) {
            violations.add(new DomainException.Violation("contact.phone", "is not a phone number"));
        }
        var address = request.address();
        GeoPoint destination = null;
        if ((address.latitude() == null) != (address.longitude() == null)) {
            violations.add(new DomainException.Violation("address", "gives both latitude and longitude, or neither"));
        } else if (address.latitude() != null) {
            destination = new GeoPoint(address.latitude(), address.longitude());
        } else if (!"FR".equals(address.country())) {
            violations.add(new DomainException.Violation("address", "outside France needs its latitude and longitude"));
        } else {
            destination = Departements.shipped().centreOf(address.postcode()).orElse(null);
            if (destination == null) {
                violations.add(new DomainException.Violation("address.postcode",
                        "is not a metropolitan French postcode: send the address's latitude and longitude"));
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        return destination;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
