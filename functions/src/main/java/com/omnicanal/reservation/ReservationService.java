package com.omnicanal.reservation;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Product;
import com.omnicanal.catalog.Store;
import com.omnicanal.catalog.StoreOffering;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Ids;
import com.omnicanal.shared.Page;
import com.omnicanal.stock.StockLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/** E-reservation: reserve online, try and pay in store; the hold ends by purchase, cancellation or expiry. */
public final class ReservationService implements ReservationDesk {
    private static final System.Logger LOG = System.getLogger(ReservationService.class.getName());
    public static final String CONFIRMED = "RESERVATION_CONFIRMED";
    public static final String EXPIRED = "RESERVATION_EXPIRED";
    public static final int PAGE_SIZE = 20;

    private final Catalog catalog;
    private final StockLedger stock;
    private final Reservations reservations;
    private final HoldPolicy policy;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public ReservationService(Catalog catalog, StockLedger stock, Reservations reservations, HoldPolicy policy,
                              Clock clock) {
        this(catalog, stock, reservations, policy, clock, BusinessMetrics.NONE);
    }

    public ReservationService(Catalog catalog, StockLedger stock, Reservations reservations, HoldPolicy policy,
                              Clock clock, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.catalog = catalog;
        this.stock = stock;
        this.reservations = reservations;
        this.policy = policy;
        this.clock = clock;
    }

    /** The reservation, and whether it is the replay of an earlier identical request. */
    public record Outcome(Reservation reservation, boolean replayed) {
    }

    public Outcome reserve(Actor actor, ReservationRequest request, IdempotencyKey key) {
        validate(request);
        // one read for both (one round trip on DynamoDB), checked in the order the answers have always had
        var read = catalog.productAndStore(request.sku(), request.storeId());
        var product = sellable(read.product()
                .orElseThrow(() -> new DomainException.NotFound("no product with SKU " + request.sku())));
        var store = holding(read.store()
                .orElseThrow(() -> new DomainException.NotFound("no store " + request.storeId())));
        var now = now();
        var reservation = held(actor.id(), product, store, request.quantity(), now);
        var result = reservations.hold(reservation, confirmation(reservation, store), key.claimAt(now),
                new BusinessEvent.ReservationHeld(reservation.id(), actor.id(), store.id(), product.sku(), now));
        if (result instanceof Reservations.HoldResult.Held held) return new Outcome(held.reservation(), false);
        if (result instanceof Reservations.HoldResult.Replayed replayed) return new Outcome(replayed.reservation(), true);
        if (result instanceof Reservations.HoldResult.NotEnoughStock short_) {
            throw new InsufficientStock(request.sku(), request.storeId(), request.quantity(), short_.available(),
                    alternatives(request.sku(), request.storeId(), request.quantity()));
        }
        if (result instanceof Reservations.HoldResult.CustomerErased) throw new DomainException.Forbidden("this account was erased");
        throw key.reused();
    }

    /**
     * The replacement of an exchange: held for the deployed hold period and confirmed by the same message as any
     * reservation; the caller writes both with its own change (the return), so stock is taken there.
     */
    @Override
    public Hold replacement(String customerId, String sku, String storeId, int quantity) {
        // an exchange holds like a reservation: the deployed MAX_RESERVATION_QUANTITY, not a copy of it
        if (quantity < 1 || quantity > policy.maxQuantity()) {
            throw new DomainException.InvalidInput("exchange.quantity", "is between 1 and " + policy.maxQuantity());
        }
        var read = catalog.productAndStore(sku, storeId);
        var product = sellable(read.product().orElseThrow(() -> new DomainException.NotFound("no product " + sku)));
        var store = holding(read.store().orElseThrow(() -> new DomainException.NotFound("no store " + storeId)));
        var reservation = held(customerId, product, store, quantity, now());
        return new Hold(reservation, confirmation(reservation, store));
    }

    /** A product the catalogue discontinued is known but no longer held for anyone. */
    private static Product sellable(Product product) {
        if (!product.sellable()) throw new DomainException.InvalidState(product.sku() + " is no longer sold");
        return product;
    }

    /** A store that does not take reservations (its services, as ops set them) holds nothing for anyone. */
    private static Store holding(Store store) {
        if (!store.offers(StoreOffering.RESERVATION)) throw new DomainException.InvalidState(store.name() + " does not take reservations");
        return store;
    }

    @Override
    public Reservation forAppointment(String customerId, String sku, String storeId, int quantity, Instant from,
                                      Instant until) {
        // held like any reservation: the deployed MAX_RESERVATION_QUANTITY
        if (quantity < 1 || quantity > policy.maxQuantity()) {
            throw new DomainException.InvalidInput("items.quantity", "is between 1 and " + policy.maxQuantity());
        }
        var read = catalog.productAndStore(sku, storeId);
        var product = sellable(read.product().orElseThrow(() -> new DomainException.NotFound("no product " + sku)));
        var store = read.store().orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        return new Reservation(Ids.newId(), customerId, product.sku(), product.name(), store.id(), store.name(), quantity,
                ReservationStatus.HELD, from, until, from);
    }

    private Reservation held(String customerId, Product product, Store store, int quantity, Instant now) {
        return new Reservation(Ids.newId(), customerId, product.sku(), product.name(), store.id(), store.name(), quantity,
                ReservationStatus.HELD, now, now.plus(policy.holdPeriod()), now);
    }

    /** A customer sees only their own reservations; staff those of their store; ops all. */
    @Override
    public Reservation get(Actor actor, String id) {
        var reservation = reservations.find(id).filter(r -> mayRead(actor, r))
                .orElseThrow(() -> new DomainException.NotFound("no reservation " + id));
        return reservation;
    }

    public Reservation cancel(Actor actor, String id) {
        var current = get(actor, id);
        var cancelled = current.cancel(now());
        if (!reservations.release(cancelled, Optional.empty(), Optional.empty())) throw changedMeanwhile(id);
        return cancelled;
    }

    public Reservation complete(Actor actor, String storeId, String id) {
        actor.requireStore(storeId);
        var current = reservations.find(id).filter(r -> r.storeId().equals(storeId))
                .orElseThrow(() -> new DomainException.NotFound("no reservation " + id + " at store " + storeId));
        var completed = current.complete(now());
        if (!reservations.complete(completed, new BusinessEvent.ReservationCompleted(id, completed.customerId(), storeId,
                completed.sku(), completed.updatedAt()))) {
            throw changedMeanwhile(id);
        }
        return completed;
    }

    public Page<Reservation> mine(Actor actor, String cursor) {
        return reservations.byCustomer(actor.id(), cursor, PAGE_SIZE);
    }

    public Page<Reservation> forStore(Actor actor, String storeId, String status, String cursor) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        Optional<ReservationStatus> wanted;
        try {
            wanted = Optional.ofNullable(status).filter(s -> !s.isBlank()).map(ReservationStatus::valueOf);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("status", "must be one of HELD, CANCELLED, COMPLETED, EXPIRED");
        }
        return reservations.byStore(storeId, wanted, cursor, PAGE_SIZE);
    }

    /**
     * Releases every hold that has run out. Safe to run twice at once: each release is conditional on the reservation
     * still being held, so only one run counts it.
     */
    public int releaseExpired(int pageSize) {
        int released = 0;
        var now = now();
        try {
            // every due hold once, page after page: one that cannot be released is passed and reported, not retried
            for (var due : (Iterable<Reservation>) reservations.expiredHolds(now, pageSize)::iterator) {
                if (expire(due, now)) {
                    released++;
                    continue;
                }
                var current = reservations.find(due.id())
                        .filter(r -> r.status() == ReservationStatus.HELD && !r.expiresAt().isAfter(now));
                // no longer held, or held longer (another sweeper, the customer, a moved appointment); read again under
                // another owner (a merge): try once more
                if (current.isEmpty() || (!current.get().equals(due) && expire(current.get(), now))) {
                    if (current.isPresent()) released++;
                    continue;
                }
                LOG.log(System.Logger.Level.ERROR, "reservation " + due.id() + " is due but its hold cannot be released");
                metrics.count(BusinessMetrics.Figure.RESERVATIONS_STUCK,
                        java.util.Map.of("reservationId", due.id(), "storeId", due.storeId(), "sku", due.sku()));
            }
            return released;
        } finally {
            // every release counted was written, even when a later one failed
            if (released > 0) metrics.record(BusinessMetrics.Figure.RESERVATIONS_EXPIRED, released, null, java.util.Map.of());
        }
    }

    private boolean expire(Reservation due, Instant now) {
        var expired = due.expire(now);
        return reservations.release(expired, Optional.of(expiryNotice(expired)), Optional.of(
                new BusinessEvent.ReservationExpired(expired.id(), expired.customerId(), expired.storeId(),
                        expired.sku(), now)));
    }

    /** Millisecond precision: what the database stores, so a replayed answer equals the first one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private boolean mayRead(Actor actor, Reservation r) {
        return actor.isCustomer() ? r.customerId().equals(actor.id()) : actor.worksFor(r.storeId());
    }

    private List<InsufficientStock.Alternative> alternatives(String sku, String storeId, int quantity) {
        var alternatives = new ArrayList<InsufficientStock.Alternative>();
        for (var level : stock.levels(sku)) {
            if (level.isWeb() || level.location().equals(storeId) || level.available() < quantity) continue;
            catalog.store(level.location()).filter(s -> s.offers(StoreOffering.RESERVATION)).ifPresent(s ->
                    alternatives.add(new InsufficientStock.Alternative(s.id(), s.name(), level.available())));
        }
        alternatives.sort(Comparator.comparing(InsufficientStock.Alternative::available).reversed()
                .thenComparing(InsufficientStock.Alternative::storeId));
        return alternatives;
    }

    private OutboxMessage confirmation(Reservation r, Store store) {
        var data = new LinkedHashMap<String, String>();
        data.put("reservationId", r.id());
        data.put("reservationRef", Ids.reference(r.id()));
        data.put("sku", r.sku());
        data.put("productName", r.productName());
        data.put("quantity", Integer.toString(r.quantity()));
        data.put("storeId", store.id());
        data.put("storeName", store.name());
        data.put("storeAddress", store.address().street() + ", " + store.address().postcode() + " "
                + store.address().city());
        data.put("expiresAt", r.expiresAt().toString());
        // the store's local date and time, as the customer reads them
        var local = r.expiresAt().atZone(store.zone());
        data.put("expiresDate", java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy").format(local));
        data.put("expiresTime", java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(local));
        return OutboxMessage.transactional(CONFIRMED, r.customerId(), CONFIRMED + "#" + r.id(), data, r.createdAt());
    }

    private static OutboxMessage expiryNotice(Reservation r) {
        var data = new LinkedHashMap<String, String>();
        data.put("reservationId", r.id());
        data.put("reservationRef", Ids.reference(r.id()));
        data.put("sku", r.sku());
        data.put("productName", r.productName());
        data.put("storeId", r.storeId());
        data.put("storeName", r.storeName());
        return OutboxMessage.transactional(EXPIRED, r.customerId(), EXPIRED + "#" + r.id(), data, r.updatedAt());
    }

    private static DomainException changedMeanwhile(String id) {
        return new DomainException.InvalidState("reservation " + id + " changed meanwhile; read it again");
    }

    private void validate(ReservationRequest request) {
        var violations = new ArrayList<DomainException.Violation>();
        if (request.sku() == null || request.sku().isBlank()) {
            violations.add(new DomainException.Violation("sku", "is required"));
        }
        if (request.storeId() == null || request.storeId().isBlank()) {
            violations.add(new DomainException.Violation("storeId", "is required"));
        }
        if (request.quantity() == null || request.quantity() < 1 || request.quantity() > policy.maxQuantity()) {
            violations.add(new DomainException.Violation("quantity",
                    "is required, between 1 and " + policy.maxQuantity()));
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
    }
}
