package com.omnicanal.testing.memory;

import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import com.omnicanal.stock.StockLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the in-memory adapters share, as the DynamoDB ones share tables: stock, feeds, reservations, the outbox,
 * idempotency claims and erasure marks. Every adapter call runs under this object's lock and checks all its conditions
 * before it changes anything, so a change is all or nothing and concurrent callers see the conditional semantics of a
 * DynamoDB transaction (no oversell, one winner per claim).
 */
public final class InMemoryStore {
    final Map<String, StockRow> stock = new HashMap<>();
    final Map<String, Long> feeds = new HashMap<>();
    /** Per store: the newest feed begun, and the feeds under way with when each began (the feed item's claim). */
    final Map<String, Long> feedsClaimed = new HashMap<>();
    final Map<String, Map<Long, java.time.Instant>> feedsRunning = new HashMap<>();
    final Map<String, Reservation> reservations = new LinkedHashMap<>();
    final Map<String, OutboxEntry> outbox = new LinkedHashMap<>();
    /** Business events, one per order, return or reservation, beside the messages in the outbox as DynamoDB keeps them. */
    final Map<String, BusinessEvent> events = new LinkedHashMap<>();
    final Map<String, Claim> claims = new HashMap<>();
    final Set<String> erased = new HashSet<>();

    /** One stock item; feedSeq is null until a store count set it. */
    record StockRow(StockLevel level, Long feedSeq) {
        StockRow with(int onHand, int reserved) {
            return new StockRow(new StockLevel(level.sku(), level.location(), onHand, reserved), feedSeq);
        }
    }

    /** An Idempotency-Key's record: the first answer, kept until {@code expiresAt} (whole seconds, as a TTL). */
    record Claim(String fingerprint, long expiresAtSecond, Object response) {
    }

    /** Empties every collection, as dropping and recreating the tables does. */
    public synchronized void clear() {
        stock.clear();
        feeds.clear();
        feedsClaimed.clear();
        feedsRunning.clear();
        reservations.clear();
        outbox.clear();
        claims.clear();
        erased.clear();
        events.clear();
    }

    /** Marks the customer erased: every later write under the id is refused. */
    public synchronized void markErased(String customerId) {
        erased.add(customerId);
    }

    /** Puts a stock item as a store's first count would, replacing any there. */
    public synchronized void putStock(StockLevel level) {
        stock.put(key(level.sku(), level.location()), new StockRow(level, null));
    }

    /** Appends a message to the outbox, as a capability's transaction does; false if its dedupe key is taken. */
    public synchronized boolean queue(OutboxMessage message) {
        if (!outboxFree(message)) return false;
        append(message);
        return true;
    }

    /** Items per table, named as {@link com.omnicanal.infrastructure.dynamo.TableNames#defaults()} names them. */
    public synchronized Map<String, Integer> counts() {
        return Map.of("Stock", stock.size() + feeds.size(), "Orders", reservations.size(), "Outbox", outbox.size() + events.size(),
                "Idempotency", claims.size());
    }

    static String key(String sku, String location) {
        return sku + "@" + location;
    }

    /** The claim's condition: the key is free, or its record ran out before the claim's time. */
    boolean claimable(IdempotencyClaim claim) {
        var existing = claims.get(claim.key());
        return existing == null || existing.expiresAtSecond() < claim.claimedAt().getEpochSecond();
    }

    void claim(IdempotencyClaim claim, Object response) {
        claims.put(claim.key(), new Claim(claim.fingerprint(), claim.claimedAt().plus(Idempotency.WINDOW).getEpochSecond(), response));
    }

    /** After a refused claim: the first answer if the request is the same, empty if the key came with another. */
    Optional<Object> replay(IdempotencyClaim claim) {
        var stored = claims.get(claim.key());
        return stored == null || !stored.fingerprint().equals(claim.fingerprint()) ? Optional.empty()
                : Optional.of(stored.response());
    }

    /** As DynamoDB keys a business event: one of each kind per order, return or reservation. */
    static String eventKey(BusinessEvent event) {
        return event.getClass().getSimpleName() + "#" + event.subjectId();
    }

    /** The outbox is keyed by the dedupe key: one business event queues one message. */
    boolean outboxFree(OutboxMessage message) {
        return !outbox.containsKey(message.dedupeKey());
    }

    void append(OutboxMessage message) {
        var stored = new OutboxMessage(message.dedupeKey(), message.kind(), message.customerId(), message.delivery(),
                message.dedupeKey(), message.templateData(), millis(message.createdAt()));
        outbox.put(message.dedupeKey(), new OutboxEntry(stored));
    }

    /** Times are kept to the millisecond, as the DynamoDB adapters store them. */
    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * One page of a list ordered by {@code position} (a text whose order is the list's), after the cursor, which must
     * come from the same list ({@code scope}). Like a DynamoDB query with a Limit, the cursor is a position, not an
     * item (items may move meanwhile), and a full page carries one even when nothing follows.
     */
    static <T> Page<T> page(Collection<T> all, Function<T, String> position, boolean descending, String scope,
                            String cursor, int limit) {
        var after = cursor == null || cursor.isBlank() ? null : decode(cursor, scope);
        Comparator<String> order = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
        var items = all.stream().sorted(Comparator.comparing(position, order))
                .filter(item -> after == null || order.compare(position.apply(item), after) > 0)
                .limit(limit).toList();
        String next = items.isEmpty() || items.size() < limit ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(
                (scope + "\n" + position.apply(items.get(items.size() - 1))).getBytes(StandardCharsets.UTF_8));
        return new Page<>(items, next);
    }

    /** A position in time order, then id order (as a sort key of a fixed-width time and the id). */
    static String byTime(Instant at, String id) {
        return String.format("%015d#%s", at.toEpochMilli(), id);
    }

    private static String decode(String cursor, String scope) {
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notACursor();
        }
        if (!decoded.startsWith(scope + "\n")) throw notACursor();
        return decoded.substring(scope.length() + 1);
    }

    private static DomainException notACursor() {
        return new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
    }
}
