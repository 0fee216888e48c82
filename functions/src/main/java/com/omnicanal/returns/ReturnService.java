package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.Orders;
import com.omnicanal.shared.PickupCodes;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationDesk;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvents;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Ids;
import com.omnicanal.stock.StockLevel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cross-channel returns: whatever the channel of the sale, the customer returns in any store or by post; resellable
 * units go back on sale where they land (the receiving store, or the web stock for returns by post).
 */
public final class ReturnService {
    public static final String AUTHORIZED = "RETURN_AUTHORIZED";
    public static final String RECEIVED = "RETURN_RECEIVED";
    public static final String REFUNDED = "RETURN_REFUNDED";
    public static final String REJECTED = "RETURN_REJECTED";
    public static final String EXPIRED = "RETURN_EXPIRED";
    /** How long the customer has to bring the units back once the return is authorized. */
    public static final Duration VALIDITY = Duration.ofDays(14);

    private final Catalog catalog;
    private final Orders orders;
    private final ReservationDesk reservations;
    private final Returns returns;
    private final Duration window;
    private final Duration validity;
    private final Clock clock;
    private final BusinessEvents events;

    public ReturnService(Catalog catalog, Orders orders, ReservationDesk reservations, Returns returns,
                         Duration window, Clock clock) {
        this(catalog, orders, reservations, returns, window, clock, BusinessEvents.NONE);
    }

    public ReturnService(Catalog catalog, Orders orders, ReservationDesk reservations, Returns returns, Duration window,
                         Clock clock, BusinessEvents events) {
        this(catalog, orders, reservations, returns, window, VALIDITY, clock, events);
    }

    public ReturnService(Catalog catalog, Orders orders, ReservationDesk reservations, Returns returns, Duration window,
                         Duration validity, Clock clock, BusinessEvents events) {
        this.validity = validity;
        this.events = events;
        this.catalog = catalog;
        this.orders = orders;
        this.reservations = reservations;
        this.returns = returns;
        this.window = window;
        this.clock = clock;
    }

    /** Counted units of one SKU at reception. */
    public record Counted(String sku, Integer quantity, String condition) {
    }

    public record Outcome(ReturnAuthorization authorization, boolean replayed) {
    }

    /** A store's returns in a period: received here for sales made elsewhere, and its sales returned elsewhere. */
    public record Report(String storeId, Instant from, Instant to, Totals receivedForOtherStores,
                         Totals soldHereReturnedElsewhere, List<Returns.Entry> entries) {
    }

    public record Totals(int returns, int units, int amountCents) {
    }

    public Outcome request(Actor actor, ReturnRequest request, String idempotencyKey) {
        var now = now();
        validate(request, idempotencyKey);
        var purchase = purchase(actor, request);
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
        var messages = new ArrayList<OutboxMessage>();
        if (request.exchange() != null) {
            var ex = request.exchange();
            // held and confirmed as any reservation is: the deployed hold period, the same message
            var hold = reservations.replacement(actor.id(), ex.sku(), ex.storeId(), ex.quantity());
            replacement = hold.reservation();
            messages.add(hold.confirmation());
        }
        var authorization = new ReturnAuthorization(id, code, "OMNICANAL-RETURN:" + id + ":" + code, actor.id(),
                purchase.source(), purchase.soldAt(), purchase.soldOn(), lines, request.reason().strip(), method,
                request.storeId(), ReturnStatus.REQUESTED, null, null, 0, null,
                replacement == null ? null : replacement.id(),
                List.of(new ReturnAuthorization.Event(ReturnStatus.REQUESTED.name(), now, actor.id(), request.reason().strip())),
                now, now, now.plus(validity));
        messages.add(0, message(AUTHORIZED, authorization));
        var claim = new IdempotencyClaim("returns:" + actor.id() + ":" + idempotencyKey, fingerprint(request), now,
                Duration.ofHours(24));
        var result = returns.apply(new Returns.Change(authorization, null, purchase.bought(), replacement, null, messages, claim,
                Map.of()));
        if (result instanceof Returns.Outcome.Applied) return new Outcome(authorization, false);
        if (result instanceof Returns.Outcome.Replayed r) return new Outcome(r.authorization(), true);
        if (result instanceof Returns.Outcome.KeyReused) {
            throw new DomainException.IdempotencyConflict("Idempotency-Key " + idempotencyKey + " was already used with a different request");
        }
        if (result instanceof Returns.Outcome.TooMany t) {
            throw new DomainException.InvalidInput("lines", t.sku() + ": more units than bought, counting earlier returns");
        }
        if (result instanceof Returns.Outcome.NoReplacementStock) {
            throw new DomainException.InvalidState("the replacement is not available at " + request.exchange().storeId());
        }
        if (result instanceof Returns.Outcome.CustomerErased) throw new DomainException.Forbidden("this account was erased");
        throw new IllegalStateException("return " + id + " was refused: " + result);
    }

    public ReturnAuthorization get(Actor actor, String id) {
        return returns.find(id).filter(r -> actor.isCustomer() ? r.customerId().equals(actor.id())
                        : actor.worksFor(r.soldAt()) || (r.receivedAt() != null && actor.worksFor(r.receivedAt()))
                        || (r.intendedStoreId() != null && actor.worksFor(r.intendedStoreId())) || actor.role() == Actor.Role.OPS)
                .orElseThrow(() -> new DomainException.NotFound("no return " + id));
    }

    /**
     * Reception in a store (or at the web warehouse, location WEB, for returns by post): resellable units are
     * restocked there, damaged ones written off; the refund is then pending. Reception closes the authorization:
     * units that did not come are given back to the purchase, in the same write. A second reception changes nothing.
     */
    public ReturnAuthorization receive(Actor actor, String location, String id, List<Counted> counted) {
        if (!StockLevel.WEB.equals(location)) {
            catalog.store(location).orElseThrow(() -> new DomainException.NotFound("no store " + location));
        }
        actor.requireStore(location);
        var authorization = returns.find(id).orElseThrow(() -> new DomainException.NotFound("no return " + id));
        if (authorization.status() != ReturnStatus.REQUESTED) {
            throw new DomainException.InvalidState("return " + id + " was already " + authorization.status());
        }
        if (authorization.method() == ReturnAuthorization.Method.POST && !StockLevel.WEB.equals(location)) {
            throw new DomainException.InvalidState("return " + id + " comes by post: the web warehouse receives it");
        }
        var byLine = validateCount(authorization, counted);
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
        var result = returns.apply(new Returns.Change(next, ReturnStatus.REQUESTED, null, null, location,
                List.of(message(RECEIVED, next)), null, authorization.unitsGivenBackBy(next)));
        if (!(result instanceof Returns.Outcome.Applied)) {
            throw new DomainException.InvalidState("return " + id + " was received meanwhile");
        }
        events.happened("RETURN_RECEIVED", next.customerId(), id, StockLevel.WEB.equals(location) ? null : location,
                next.lines().stream().map(ReturnAuthorization.Line::sku).collect(java.util.stream.Collectors.toSet()), now);
        return next;
    }

    public ReturnAuthorization refund(Actor actor, String id, String reference) {
        requireOps(actor);
        if (reference == null || !reference.matches("^[A-Za-z0-9_-]{4,64}$")) {
            throw new DomainException.InvalidInput("refundReference", "is required: 4 to 64 letters, digits, - or _");
        }
        var current = returns.find(id).orElseThrow(() -> new DomainException.NotFound("no return " + id));
        var next = current.refunded(reference).moveTo(ReturnStatus.REFUNDED, now(), actor.id(), reference);
        return applied(current, next, REFUNDED);
    }

    /** Ops refuse the return; refused before reception, the units it held can be returned again. */
    public ReturnAuthorization reject(Actor actor, String id, String reason) {
        requireOps(actor);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new DomainException.InvalidInput("reason", "is required, at most 500 characters");
        }
        var current = returns.find(id).orElseThrow(() -> new DomainException.NotFound("no return " + id));
        return applied(current, current.moveTo(ReturnStatus.REJECTED, now(), actor.id(), reason.strip()), REJECTED);
    }

    public record Sweep(int expired) {
    }

    /** Scheduled: authorizations not received in time expire, and give their units back to the purchase. */
    public Sweep sweep() {
        var now = now();
        int expired = 0;
        for (var overdue : returns.expiredBy(now, 100)) {
            var next = overdue.moveTo(ReturnStatus.EXPIRED, now, "system",
                    "not brought back within " + validity.toDays() + " days");
            var result = returns.apply(new Returns.Change(next, ReturnStatus.REQUESTED, null, null, null,
                    List.of(message(EXPIRED, next)), null, overdue.unitsGivenBackBy(next)));
            // received or rejected meanwhile: that change won
            if (result instanceof Returns.Outcome.Applied) expired++;
        }
        return new Sweep(expired);
    }

    public Report report(Actor actor, String storeId, String from, String to) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        Instant start;
        Instant end;
        try {
            start = from == null ? now().minus(Duration.ofDays(30)) : java.time.LocalDate.parse(from).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            end = to == null ? now() : java.time.LocalDate.parse(to).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new DomainException.InvalidInput("from", "from and to are dates, YYYY-MM-DD");
        }
        if (!start.isBefore(end) || Duration.between(start, end).toDays() > 366) {
            throw new DomainException.InvalidInput("to", "must be after from, at most a year later");
        }
        var in = returns.entries(storeId, true, start, end).stream().filter(e -> !e.soldAt().equals(storeId)).toList();
        var out = returns.entries(storeId, false, start, end).stream().filter(e -> !e.receivedAt().equals(storeId)).toList();
        var all = new ArrayList<Returns.Entry>(in);
        all.addAll(out);
        return new Report(storeId, start, end, totals(in), totals(out), all);
    }

    private static Totals totals(List<Returns.Entry> entries) {
        return new Totals(entries.size(), entries.stream().mapToInt(Returns.Entry::units).sum(),
                entries.stream().mapToInt(Returns.Entry::amountCents).sum());
    }

    private ReturnAuthorization applied(ReturnAuthorization current, ReturnAuthorization next, String kind) {
        var result = returns.apply(new Returns.Change(next, current.status(), null, null, null, List.of(message(kind, next)),
                null, current.unitsGivenBackBy(next)));
        if (!(result instanceof Returns.Outcome.Applied)) {
            throw new DomainException.InvalidState("return " + next.id() + " changed meanwhile; read it again");
        }
        return next;
    }

    private static void requireOps(Actor actor) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("refunds and rejections are for ops");
    }

    private record Purchase(ReturnAuthorization.Source source, String soldAt, Instant soldOn, Map<String, Integer> bought,
                            Map<String, Integer> prices) {
    }

    /** The purchase: a collected order of this customer, or an in-store purchase by its receipt (a completed reservation). */
    private Purchase purchase(Actor actor, ReturnRequest request) {
        var bought = new LinkedHashMap<String, Integer>();
        var prices = new LinkedHashMap<String, Integer>();
        if (request.orderId() != null) {
            var order = orders.find(request.orderId()).filter(o -> o.customerId().equals(actor.id()))
                    .orElseThrow(() -> new DomainException.NotFound("no order " + request.orderId()));
            if (order.status() != OrderStatus.COLLECTED) {
                throw new DomainException.InvalidState("order " + order.id() + " is " + order.status() + ": only collected orders can be returned");
            }
            order.lines().forEach(l -> {
                bought.merge(l.sku(), l.quantity(), Integer::sum);
                prices.put(l.sku(), l.unitPriceCents());
            });
            var collectedAt = order.timeline().stream().filter(e -> e.status().equals(OrderStatus.COLLECTED.name()))
                    .map(com.omnicanal.order.Order.Event::at).findFirst().orElse(order.updatedAt());
            return new Purchase(new ReturnAuthorization.Source("ORDER", order.id()), order.pickupStoreId(), collectedAt,
                    bought, prices);
        }
        var receipt = receipt(actor, request.receiptReference());
        if (receipt.status() != ReservationStatus.COMPLETED) {
            throw new DomainException.InvalidState("receipt " + receipt.id() + " is not a completed purchase");
        }
        bought.put(receipt.sku(), receipt.quantity());
        prices.put(receipt.sku(), catalog.product(receipt.sku()).orElseThrow().priceCents());
        return new Purchase(new ReturnAuthorization.Source("RECEIPT", receipt.id()), receipt.storeId(), receipt.updatedAt(),
                bought, prices);
    }

    /** The customer's own completed reservation: what they bought in store. */
    private Reservation receipt(Actor actor, String reference) {
        try {
            var reservation = reservations.get(actor, reference);
            if (reservation.customerId().equals(actor.id())) return reservation;
        } catch (DomainException.NotFound unknown) {
            // told as an unknown receipt below
        }
        throw new DomainException.NotFound("no receipt " + reference);
    }

    private Map<String, int[]> validateCount(ReturnAuthorization authorization, List<Counted> counted) {
        if (counted == null || counted.isEmpty()) throw new DomainException.InvalidInput("lines", "count at least one line");
        var byLine = new LinkedHashMap<String, int[]>();
        var violations = new ArrayList<DomainException.Violation>();
        for (int i = 0; i < counted.size(); i++) {
            var c = counted.get(i);
            var authorized = authorization.lines().stream().filter(l -> c != null && l.sku().equals(c.sku())).findFirst();
            if (authorized.isEmpty()) {
                violations.add(new DomainException.Violation("lines[" + i + "].sku", "is not on this return"));
                continue;
            }
            if (c.quantity() == null || c.quantity() < 1) {
                violations.add(new DomainException.Violation("lines[" + i + "].quantity", "is required, at least 1"));
                continue;
            }
            boolean resellable = "resellable".equalsIgnoreCase(c.condition());
            if (!resellable && !"damaged".equalsIgnoreCase(c.condition())) {
                violations.add(new DomainException.Violation("lines[" + i + "].condition", "must be resellable or damaged"));
                continue;
            }
            var counts = byLine.computeIfAbsent(c.sku(), k -> new int[2]);
            counts[resellable ? 0 : 1] += c.quantity();
            if (counts[0] + counts[1] > authorized.get().quantity()) {
                violations.add(new DomainException.Violation("lines[" + i + "].quantity",
                        "more than the " + authorized.get().quantity() + " authorized"));
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        return byLine;
    }

    private void validate(ReturnRequest request, String idempotencyKey) {
        var violations = new ArrayList<DomainException.Violation>();
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
            violations.add(new DomainException.Violation("Idempotency-Key", "header is required, 1 to 128 characters"));
        }
        if ((request.orderId() == null) == (request.receiptReference() == null)) {
            violations.add(new DomainException.Violation("orderId", "give either orderId or receiptReference"));
        }
        if (request.lines() == null || request.lines().isEmpty() || request.lines().size() > 25) {
            violations.add(new DomainException.Violation("lines", "must hold 1 to 25 lines"));
        } else {
            var seen = new HashSet<String>();
            for (int i = 0; i < request.lines().size(); i++) {
                var line = request.lines().get(i);
                if (line == null || line.sku() == null || !seen.add(line.sku())) {
                    violations.add(new DomainException.Violation("lines[" + i + "].sku", "is required, once per return"));
                }
                if (line == null || line.quantity() == null || line.quantity() < 1 || line.quantity() > 10) {
                    violations.add(new DomainException.Violation("lines[" + i + "].quantity", "is required, 1 to 10"));
                }
            }
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 500) {
            violations.add(new DomainException.Violation("reason", "is required, at most 500 characters"));
        }
        if (request.method() == null || !List.of("STORE", "POST").contains(request.method().toUpperCase(Locale.ROOT))) {
            violations.add(new DomainException.Violation("method", "must be store or post"));
        }
        if (request.storeId() != null && catalog.store(request.storeId()).isEmpty()) {
            violations.add(new DomainException.Violation("storeId", "is not a store"));
        }
        if (request.exchange() != null && (request.exchange().sku() == null || request.exchange().storeId() == null
                || request.exchange().quantity() == null)) {
            violations.add(new DomainException.Violation("exchange", "needs sku, storeId and a quantity"));
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
    }

    private OutboxMessage message(String kind, ReturnAuthorization r) {
        var data = new LinkedHashMap<String, String>();
        data.put("returnId", r.id());
        data.put("returnCode", r.code());
        data.put("items", String.join(", ", r.lines().stream().map(l -> l.quantity() + " x " + l.productName()).toList()));
        // an SMS counts the units: a return of many lines would not fit listed
        data.put("units", Integer.toString(r.lines().stream().mapToInt(ReturnAuthorization.Line::quantity).sum()));
        data.put("method", r.method().name().toLowerCase(Locale.ROOT));
        data.put("refund", String.format(Locale.FRANCE, "%.2f €", r.refundCents() / 100.0));
        if (r.refundReference() != null) data.put("refundReference", r.refundReference());
        var last = r.timeline().get(r.timeline().size() - 1);
        if (last.note() != null) data.put("note", last.note());
        if (r.receivedAt() != null) {
            // the store's name, or "" for the web warehouse: each language's template says "by post" itself
            data.put("receivedAt", StockLevel.WEB.equals(r.receivedAt()) ? ""
                    : catalog.store(r.receivedAt()).map(s -> s.name()).orElse(r.receivedAt()));
        }
        return OutboxMessage.transactional(kind, r.customerId(), kind + "#" + r.id(), data, now());
    }

    static String fingerprint(ReturnRequest request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    request.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
