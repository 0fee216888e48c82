package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Store;
import com.omnicanal.shared.PhoneNumbers;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvents;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Ids;
import com.omnicanal.shared.Page;
import com.omnicanal.shared.PickupCodes;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Click-and-collect: order online, the store confirms and prepares, the customer collects with a code. */
public final class OrderService {
    public static final String PLACED = "ORDER_PLACED";
    public static final String READY = "ORDER_READY";
    public static final String REMINDER = "ORDER_REMINDER";
    public static final String REJECTED = "ORDER_REJECTED";
    public static final String CANCELLED = "ORDER_CANCELLED";
    public static final String EXPIRED = "ORDER_EXPIRED";
    public static final String FIRST_REMINDER = "waited-24h";
    public static final String LAST_REMINDER = "before-expiry";
    private static final Pattern AUTHORIZATION = Pattern.compile("^[A-Za-z0-9_-]{6,64}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[A-Za-z]{2,}$");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Catalog catalog;
    private final StockLedger stock;
    private final Orders orders;
    private final Payments payments;
    private final OrderPolicy policy;
    private final Clock clock;
    private final BusinessEvents events;

    public OrderService(Catalog catalog, StockLedger stock, Orders orders, Payments payments, OrderPolicy policy,
                        Clock clock) {
        this(catalog, stock, orders, payments, policy, clock, BusinessEvents.NONE);
    }

    public OrderService(Catalog catalog, StockLedger stock, Orders orders, Payments payments, OrderPolicy policy,
                        Clock clock, BusinessEvents events) {
        this.events = events;
        this.catalog = catalog;
        this.stock = stock;
        this.orders = orders;
        this.payments = payments;
        this.policy = policy;
        this.clock = clock;
    }

    /** The order as answered, and whether it replays an earlier identical request. */
    public record Outcome(Order order, boolean replayed) {
    }

    /** A store's queue, with how many orders are past their ready target. */
    public record StoreQueue(List<QueuedOrder> items, String nextCursor, int late) {
    }

    public record QueuedOrder(Order order, long minutesLeft, boolean late) {
    }

    // ---- customer ------------------------------------------------------------------------------------------------

    public Outcome place(Actor actor, OrderRequest request, String idempotencyKey) {
        var store = validate(request, idempotencyKey);
        var now = now();
        var lines = new ArrayList<Order.Line>();
        int total = 0;
        for (var line : request.lines()) {
            var product = catalog.product(line.sku()).orElseThrow();
            lines.add(new Order.Line(product.sku(), product.name(), line.quantity(), product.priceCents(), store.id()));
            total += product.priceCents() * line.quantity();
        }
        var contact = new Order.Contact(request.contact().name().strip(), blankToNull(request.contact().email()),
                request.contact().phone() == null ? null : PhoneNumbers.toE164(request.contact().phone()).orElseThrow());
        var claim = new IdempotencyClaim("orders:" + actor.id() + ":" + idempotencyKey, fingerprint(request), now,
                Duration.ofHours(24));
        var id = Ids.newId();
        var placed = new Order(id, actor.id(), store.id(), store.name(), lines, contact, request.paymentAuthorization(),
                total, OrderStatus.PLACED, null, 0, false, now, now.plus(readyTarget(store)), null, null, List.of(),
                List.of(new Order.Event(OrderStatus.PLACED.name(), now, actor.id(), null)), List.of(), now);
        var result = orders.apply(Orders.Change.of(placed, null).stock(Orders.StockEffect.HOLD)
                .message(message(PLACED, placed, store)).idempotency(claim));
        // the contact stays on this order (its messages go there): it never becomes an identity of the buyer's profile
        if (result instanceof Orders.Outcome.Applied) return new Outcome(placed, false);
        if (result instanceof Orders.Outcome.Replayed r) return new Outcome(r.order(), true);
        if (result instanceof Orders.Outcome.KeyReused) throw keyReused(idempotencyKey);
        if (result instanceof Orders.Outcome.CustomerErased) throw erased();
        // the pickup store lacks something: offer a later date by transfer, or the stores that have every line
        var options = options(lines, store, now);
        if (options.isEmpty()) {
            throw new DomainException.InvalidState("no store and no transfer can supply every line of this order now");
        }
        var awaiting = new Order(id, actor.id(), store.id(), store.name(), lines, contact,
                request.paymentAuthorization(), total, OrderStatus.AWAITING_CUSTOMER, null, 0, false, now, null, null,
                null, options, List.of(new Order.Event(OrderStatus.AWAITING_CUSTOMER.name(), now, actor.id(),
                "not everything is at " + store.name())), List.of(), now);
        var saved = orders.apply(Orders.Change.of(awaiting, null).idempotency(claim));
        if (saved instanceof Orders.Outcome.Replayed r) return new Outcome(r.order(), true);
        if (saved instanceof Orders.Outcome.KeyReused) throw keyReused(idempotencyKey);
        if (saved instanceof Orders.Outcome.CustomerErased) throw erased();
        return new Outcome(awaiting, false);
    }

    public Order confirmOption(Actor actor, String id, String optionId) {
        var order = get(actor, id);
        if (!actor.isCustomer()) throw new DomainException.Forbidden("the customer confirms an option");
        if (order.status() != OrderStatus.AWAITING_CUSTOMER) {
            throw new DomainException.InvalidState("order " + id + " is " + order.status() + ": no option to confirm");
        }
        var option = order.options().stream().filter(o -> o.id().equals(optionId)).findFirst()
                .orElseThrow(() -> new DomainException.InvalidInput("optionId", "is not one of the options offered"));
        var lines = order.lines().stream().map(l -> new Order.Line(l.sku(), l.productName(), l.quantity(),
                l.unitPriceCents(), option.sources().getOrDefault(l.sku(), option.storeId()))).toList();
        var store = catalog.store(option.storeId()).orElseThrow();
        var now = now();
        var placed = order.withOption(option, lines).moveTo(OrderStatus.PLACED, now, actor.id(),
                option.kind() == PickupOption.Kind.TRANSFER ? "transferred to " + store.name() : "moved to " + store.name());
        var result = orders.apply(Orders.Change.of(placed, OrderStatus.AWAITING_CUSTOMER)
                .stock(Orders.StockEffect.HOLD).message(message(PLACED, placed, store)));
        if (result instanceof Orders.Outcome.NotEnoughStock n) {
            throw new DomainException.InvalidState("the option is no longer available: " + n.sku()
                    + " ran out meanwhile; place the order again to see fresh options");
        }
        if (!(result instanceof Orders.Outcome.Applied)) throw changedMeanwhile(id);
        return placed;
    }

    public Order get(Actor actor, String id) {
        return orders.find(id).filter(o -> actor.isCustomer() ? o.customerId().equals(actor.id()) : actor.worksFor(o.pickupStoreId()))
                .orElseThrow(() -> new DomainException.NotFound("no order " + id));
    }

    public Page<Order> mine(Actor actor, String cursor) {
        return orders.byCustomer(actor.id(), cursor, 20);
    }

    /** Before it is ready, the customer may cancel: the hold is released and the authorization voided. */
    public Order cancelByCustomer(Actor actor, String id) {
        var order = get(actor, id);
        if (order.status() == OrderStatus.READY) {
            throw new DomainException.InvalidState("order " + id + " is ready: ask the store to cancel it");
        }
        return close(order, OrderStatus.CANCELLED, actor.id(), "cancelled by the customer", CANCELLED,
                Map.of("byStore", ""));
    }

    // ---- store ---------------------------------------------------------------------------------------------------

    public StoreQueue forStore(Actor actor, String storeId, String status, String cursor) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        Optional<OrderStatus> wanted;
        try {
            wanted = Optional.ofNullable(status).filter(s -> !s.isBlank()).map(s -> OrderStatus.valueOf(s.toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("status", "is not an order status");
        }
        var now = now();
        var page = orders.byStore(storeId, wanted, cursor, 50);
        var items = page.items().stream().map(o -> queued(o, now)).toList();
        int late = 0;
        for (var open : List.of(OrderStatus.PLACED, OrderStatus.ACCEPTED)) {
            String next = null;
            do {
                var p = orders.byStore(storeId, Optional.of(open), next, 100);
                late += (int) p.items().stream().filter(o -> queued(o, now).late()).count();
                next = p.nextCursor();
            } while (next != null);
        }
        return new StoreQueue(items, page.nextCursor(), late);
    }

    public Order accept(Actor actor, String storeId, String id) {
        var order = storeOrder(actor, storeId, id);
        var next = order.moveTo(OrderStatus.ACCEPTED, now(), actor.id(), null);
        return applied(Orders.Change.of(next, order.status()), id);
    }

    /** A line is missing after all: the customer is told, with the stores that have every line. */
    public Order reject(Actor actor, String storeId, String id, String reason) {
        var order = storeOrder(actor, storeId, id);
        var given = reason == null || reason.isBlank() ? "" : reason.strip();
        if (given.length() > 500) throw new DomainException.InvalidInput("reason", "must be at most 500 characters");
        // the staff's own words, or nothing: a default in English would reach a French customer
        return close(order, OrderStatus.REJECTED, actor.id(), given.isEmpty() ? "a line is missing" : given, REJECTED,
                Map.of("reason", given, "alternatives", alternatives(order)));
    }

    public Order ready(Actor actor, String storeId, String id) {
        var order = storeOrder(actor, storeId, id);
        var now = now();
        var store = catalog.store(storeId).orElseThrow();
        for (int attempt = 0; attempt < 5; attempt++) {
            var code = PickupCodes.next();
            var next = order.moveTo(OrderStatus.READY, now, actor.id(), null)
                    .with(code, now, now.plus(policy.holdingPeriod()));
            var result = orders.apply(Orders.Change.of(next, order.status()).claimCode(code)
                    .message(message(READY, next, store)));
            if (result instanceof Orders.Outcome.Applied) return next;
            if (!(result instanceof Orders.Outcome.CodeTaken)) throw changedMeanwhile(id);
        }
        throw new IllegalStateException("no free pickup code after 5 tries at " + storeId);
    }

    /**
     * Collection: the right code captures the payment and the units leave the stock. Each try is counted before the
     * code is compared, so however many come at once, at most {@code maxWrongCodes} codes are ever compared before
     * the order locks; then staff unlock it.
     */
    public Order collect(Actor actor, String storeId, String id, String typedCode) {
        var read = storeOrder(actor, storeId, id);
        if (read.status() != OrderStatus.READY) throw notReady(read);
        if (read.locked()) throw locked(id);
        var counted = orders.countCodeTry(id, policy.maxWrongCodes());
        if (counted instanceof Orders.CodeTry.Refused refused) {
            throw refused.order().status() != OrderStatus.READY ? notReady(refused.order()) : locked(id);
        }
        var order = ((Orders.CodeTry.Counted) counted).order();
        if (!MessageDigest.isEqual(PickupCodes.normalize(typedCode).getBytes(StandardCharsets.UTF_8),
                order.pickupCode().getBytes(StandardCharsets.UTF_8))) {
            int left = policy.maxWrongCodes() - order.wrongCodes();
            throw new DomainException.InvalidState(left <= 0 ? "wrong pickup code: the order is now locked"
                    : "wrong pickup code, " + left + " tries left");
        }
        // the last allowed try locks the order when it is counted; when that try is the right code, it unlocks it again
        var next = order.lockedAfter(order.wrongCodes(), false, now()).moveTo(OrderStatus.COLLECTED, now(), actor.id(), null);
        var collected = applied(Orders.Change.of(next, OrderStatus.READY).stock(Orders.StockEffect.SELL)
                .releaseCode(order.pickupCode())
                .payment(new Orders.PaymentCommand(id, "CAPTURE", order.paymentAuthorization(), order.totalCents())), id);
        events.happened("ORDER_COLLECTED", collected.customerId(), id, storeId,
                collected.lines().stream().map(Order.Line::sku).collect(java.util.stream.Collectors.toSet()), now());
        return collected;
    }

    public Order unlock(Actor actor, String storeId, String id) {
        var order = storeOrder(actor, storeId, id);
        if (!orders.unlock(order)) throw changedMeanwhile(id);
        return orders.find(id).orElseThrow();
    }

    public Order cancelByStore(Actor actor, String storeId, String id) {
        return close(storeOrder(actor, storeId, id), OrderStatus.CANCELLED, actor.id(), "cancelled by the store", CANCELLED,
                Map.of("byStore", "yes"));
    }

    // ---- scheduled ------------------------------------------------------------------------------------------------

    /** What one sweep did. */
    public record Sweep(int reminders, int expired, int payments) {
    }

    /** Reminders, expiry and payment commands; each at most once, whoever runs the sweep. */
    public Sweep sweep() {
        var now = now();
        int reminders = 0;
        int expired = 0;
        for (var order : orders.ready(200)) {
            var store = catalog.store(order.pickupStoreId()).orElseThrow();
            if (!now.isBefore(order.expiresAt())) {
                if (close(order, OrderStatus.EXPIRED, "system", "not collected in time", EXPIRED, Map.of(), true) != null) {
                    expired++;
                }
                continue;
            }
            if (!now.isBefore(order.expiresAt().minus(policy.lastReminderBefore()))
                    && !order.reminders().contains(LAST_REMINDER)) {
                if (remind(order, store, LAST_REMINDER)) reminders++;
            } else if (!now.isBefore(order.readyAt().plus(policy.firstReminderAfter()))
                    && !order.reminders().contains(FIRST_REMINDER)) {
                if (remind(order, store, FIRST_REMINDER)) reminders++;
            }
        }
        int paid = 0;
        for (var command : orders.pendingPayments(100)) {
            if (command.action().equals("CAPTURE")) {
                payments.capture(command.authorization(), command.amountCents(), command.orderId());
            } else {
                payments.voidAuthorization(command.authorization(), command.orderId());
            }
            orders.paymentDone(command, now);
            paid++;
        }
        return new Sweep(reminders, expired, paid);
    }

    private boolean remind(Order order, Store store, String which) {
        var next = order.withReminder(which);
        var data = data(next, store);
        data.put("reminder", which);
        var message = OutboxMessage.transactional(REMINDER, order.customerId(), REMINDER + "#" + which + "#" + order.id(),
                data, now());
        return orders.apply(Orders.Change.of(next, OrderStatus.READY).message(message).reminder(which))
                instanceof Orders.Outcome.Applied;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private Order close(Order order, OrderStatus status, String by, String note, String kind, Map<String, String> said) {
        var closed = close(order, status, by, note, kind, said, false);
        if (closed == null) throw changedMeanwhile(order.id());
        return closed;
    }

    /**
     * Ends an order: releases what it holds, frees its code, voids the authorization, tells the customer ({@code said}:
     * what that message says beyond the order).
     */
    private Order close(Order order, OrderStatus status, String by, String note, String kind, Map<String, String> said,
                        boolean quiet) {
        var next = order.moveTo(status, now(), by, note);
        var store = catalog.store(order.pickupStoreId()).orElseThrow();
        var data = data(next, store);
        data.putAll(said);
        var change = Orders.Change.of(next, order.status())
                .stock(order.status().holdsStock() ? Orders.StockEffect.RELEASE : Orders.StockEffect.NONE)
                .releaseCode(order.pickupCode())
                .message(OutboxMessage.transactional(kind, order.customerId(), kind + "#" + order.id(), data, now()))
                .payment(new Orders.PaymentCommand(order.id(), "VOID", order.paymentAuthorization(), order.totalCents()));
        var result = orders.apply(change);
        if (result instanceof Orders.Outcome.Applied) return next;
        if (quiet) return null;
        throw changedMeanwhile(order.id());
    }

    private Order applied(Orders.Change change, String id) {
        if (!(orders.apply(change) instanceof Orders.Outcome.Applied)) throw changedMeanwhile(id);
        return change.next();
    }

    private Order storeOrder(Actor actor, String storeId, String id) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        return orders.find(id).filter(o -> o.pickupStoreId().equals(storeId))
                .orElseThrow(() -> new DomainException.NotFound("no order " + id + " at store " + storeId));
    }

    private QueuedOrder queued(Order order, Instant now) {
        boolean waiting = order.status() == OrderStatus.PLACED || order.status() == OrderStatus.ACCEPTED;
        long left = order.readyBy() == null ? 0 : ChronoUnit.MINUTES.between(now, order.readyBy());
        return new QueuedOrder(order, left, waiting && left < 0);
    }

    private List<PickupOption> options(List<Order.Line> lines, Store pickup, Instant now) {
        var levels = new HashMap<String, List<StockLevel>>();
        for (var line : lines) levels.put(line.sku(), stock.levels(line.sku()));
        var options = new ArrayList<PickupOption>();
        // the same store later: each missing line comes from the web warehouse, else the store with the most units
        var sources = new LinkedHashMap<String, String>();
        Duration slowest = Duration.ZERO;
        boolean feasible = true;
        for (var line : lines) {
            if (available(levels, line.sku(), pickup.id()) >= line.quantity()) continue;
            var source = levels.get(line.sku()).stream().filter(l -> !l.location().equals(pickup.id()))
                    .filter(l -> l.available() >= line.quantity())
                    .max(Comparator.comparing((StockLevel l) -> l.isWeb()).thenComparing(StockLevel::available));
            if (source.isEmpty()) {
                feasible = false;
                break;
            }
            sources.put(line.sku(), source.get().location());
            var transfer = source.get().isWeb() ? policy.transferFromWeb() : policy.transferFromStore();
            if (transfer.compareTo(slowest) > 0) slowest = transfer;
        }
        if (feasible && !sources.isEmpty()) {
            options.add(new PickupOption("transfer", PickupOption.Kind.TRANSFER, pickup.id(), pickup.name(),
                    now.plus(slowest).plus(readyTarget(pickup)), sources));
        }
        for (var store : catalog.stores()) {
            if (store.id().equals(pickup.id())) continue;
            if (lines.stream().allMatch(l -> available(levels, l.sku(), store.id()) >= l.quantity())) {
                options.add(new PickupOption("store:" + store.id(), PickupOption.Kind.OTHER_STORE, store.id(), store.name(),
                        now.plus(readyTarget(store)), Map.of()));
            }
        }
        return options;
    }

    /** A store may promise faster (or slower) than the default ready target. */
    private Duration readyTarget(Store store) {
        return store.readyTargetMinutes() == null ? policy.readyTarget() : Duration.ofMinutes(store.readyTargetMinutes());
    }

    private static int available(Map<String, List<StockLevel>> levels, String sku, String location) {
        return levels.get(sku).stream().filter(l -> l.location().equals(location)).mapToInt(StockLevel::available).sum();
    }

    private String alternatives(Order order) {
        var names = new ArrayList<String>();
        for (var store : catalog.stores()) {
            if (store.id().equals(order.pickupStoreId())) continue;
            boolean all = order.lines().stream().allMatch(l -> stock.levels(l.sku()).stream()
                    .anyMatch(s -> s.location().equals(store.id()) && s.available() >= l.quantity()));
            if (all) names.add(store.name());
        }
        return String.join(", ", names);
    }

    private OutboxMessage message(String kind, Order order, Store store) {
        return OutboxMessage.transactional(kind, order.customerId(), kind + "#" + order.id(), data(order, store), now());
    }

    /**
     * What the templates may say: the order and its short reference, the store's address and its hours today and
     * tomorrow ("" when closed), and the contact given with the order.
     */
    private LinkedHashMap<String, String> data(Order order, Store store) {
        var zone = ZoneId.of(store.timeZone());
        var data = new LinkedHashMap<String, String>();
        data.put("orderId", order.id());
        data.put("orderRef", Ids.reference(order.id()));
        data.put("storeName", store.name());
        data.put("storeAddress", store.address().street() + ", " + store.address().postcode() + " " + store.address().city());
        // when the message is written, in the store's time zone: it leaves within seconds (transactional, never deferred)
        var today = now().atZone(zone).getDayOfWeek();
        data.put("hoursToday", store.hoursOn(today));
        data.put("hoursTomorrow", store.hoursOn(today.plus(1)));
        data.put("items", String.join(", ", order.lines().stream().map(l -> l.quantity() + " x " + l.productName()).toList()));
        data.put("total", String.format(java.util.Locale.FRANCE, "%.2f €", order.totalCents() / 100.0));
        if (order.pickupCode() != null) data.put("pickupCode", order.pickupCode());
        // "" when not promised: the templates leave the sentence out
        data.put("readyDate", order.readyBy() == null ? "" : DAY.format(order.readyBy().atZone(zone)));
        data.put("readyTime", order.readyBy() == null ? "" : TIME.format(order.readyBy().atZone(zone)));
        if (order.expiresAt() != null) {
            data.put("expiresDate", DAY.format(order.expiresAt().atZone(zone)));
        }
        if (order.contact() != null) {
            if (order.contact().email() != null) data.put("contactEmail", order.contact().email());
            if (order.contact().phone() != null) data.put("contactPhone", order.contact().phone());
        }
        return data;
    }

    private Store validate(OrderRequest request, String idempotencyKey) {
        var violations = new ArrayList<DomainException.Violation>();
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
            violations.add(new DomainException.Violation("Idempotency-Key", "header is required, 1 to 128 characters"));
        }
        if (request.lines() == null || request.lines().isEmpty() || request.lines().size() > policy.maxLines()) {
            violations.add(new DomainException.Violation("lines", "must hold 1 to " + policy.maxLines() + " lines"));
        } else {
            var seen = new HashSet<String>();
            for (int i = 0; i < request.lines().size(); i++) {
                var line = request.lines().get(i);
                if (line == null || line.sku() == null || catalog.product(line.sku()).isEmpty()) {
                    violations.add(new DomainException.Violation("lines[" + i + "].sku", "is not a known SKU"));
                } else if (!seen.add(line.sku())) {
                    violations.add(new DomainException.Violation("lines[" + i + "].sku", "appears twice"));
                }
                if (line == null || line.quantity() == null || line.quantity() < 1 || line.quantity() > policy.maxQuantityPerLine()) {
                    violations.add(new DomainException.Violation("lines[" + i + "].quantity",
                            "is required, between 1 and " + policy.maxQuantityPerLine()));
                }
            }
        }
        var contact = request.contact();
        if (contact == null || contact.name() == null || contact.name().isBlank() || contact.name().length() > 100) {
            violations.add(new DomainException.Violation("contact.name", "is required, at most 100 characters"));
        }
        if (contact != null && blankToNull(contact.email()) == null && contact.phone() == null) {
            violations.add(new DomainException.Violation("contact", "needs an email or a phone number"));
        }
        if (contact != null && blankToNull(contact.email()) != null && !EMAIL.matcher(contact.email()).matches()) {
            violations.add(new DomainException.Violation("contact.email", "is not an email address"));
        }
        if (contact != null && contact.phone() != null && PhoneNumbers.toE164(contact.phone()).isEmpty()) {
            violations.add(new DomainException.Violation("contact.phone", "is not a phone number"));
        }
        if (request.paymentAuthorization() == null || !AUTHORIZATION.matcher(request.paymentAuthorization()).matches()) {
            violations.add(new DomainException.Violation("paymentAuthorization",
                    "is required: the pre-authorization reference, 6 to 64 letters, digits, - or _"));
        }
        Store store = null;
        if (request.pickupStoreId() == null) {
            violations.add(new DomainException.Violation("pickupStoreId", "is required"));
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        store = catalog.store(request.pickupStoreId())
                .orElseThrow(() -> new DomainException.NotFound("no store " + request.pickupStoreId()));
        return store;
    }

    static String fingerprint(OrderRequest request) {
        try {
            var text = new StringBuilder(request.pickupStoreId()).append('|').append(request.paymentAuthorization());
            for (var line : request.lines()) text.append('|').append(line.sku()).append('x').append(line.quantity());
            text.append('|').append(request.contact());
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static DomainException keyReused(String key) {
        return new DomainException.IdempotencyConflict("Idempotency-Key " + key + " was already used with a different request");
    }

    private static DomainException notReady(Order order) {
        return new DomainException.InvalidState("order " + order.id() + " is " + order.status() + ", not ready for collection");
    }

    private static DomainException locked(String id) {
        return new DomainException.InvalidState("order " + id + " is locked after too many wrong codes: unlock it first");
    }

    private static DomainException erased() {
        return new DomainException.Forbidden("this account was erased");
    }

    private static DomainException changedMeanwhile(String id) {
        return new DomainException.InvalidState("order " + id + " changed meanwhile; read it again");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
