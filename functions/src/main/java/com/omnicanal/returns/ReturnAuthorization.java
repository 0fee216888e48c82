package com.omnicanal.returns;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Permission to bring back some units of a purchase, in any store or by post, until {@code expiresAt}. It remembers
 * where the sale was made and where the return was received, so that both stores are accounted.
 */
public record ReturnAuthorization(String id, String code, String qrPayload, String customerId, Source source,
                                  String soldAt, Instant soldOn, List<Line> lines, String reason, Method method,
                                  String intendedStoreId, ReturnStatus status, String receivedAt, Instant receivedOn,
                                  int refundCents, String refundReference, String exchangeReservationId,
                                  List<Event> timeline, Instant createdAt, Instant updatedAt, Instant expiresAt) {

    public enum Method { STORE, POST }

    /**
     * The purchase being returned: a click-and-collect order (ORDER), a delivered parcel (DELIVERY, the shipment's id),
     * or an in-store purchase by its receipt reference (RECEIPT).
     */
    public record Source(String kind, String reference) {
    }

    /** Authorized units of one SKU, and once received, how many were resellable and how many damaged. */
    public record Line(String sku, String productName, int quantity, int unitPriceCents, int resellable, int damaged) {
    }

    public record Event(String status, Instant at, String by, String note) {
    }

    public ReturnAuthorization {
        lines = List.copyOf(lines);
        timeline = List.copyOf(timeline);
    }

    public ReturnAuthorization moveTo(ReturnStatus next, Instant now, String by, String note) {
        if (!status.canMoveTo(next)) {
            throw new DomainException.InvalidState("return " + id + " is " + status + ", it cannot become " + next);
        }
        var events = new ArrayList<>(timeline);
        events.add(new Event(next.name(), now, by, note));
        return new ReturnAuthorization(id, code, qrPayload, customerId, source, soldAt, soldOn, lines, reason, method,
                intendedStoreId, next, receivedAt, receivedOn, refundCents, refundReference, exchangeReservationId,
                events, createdAt, now, expiresAt);
    }

    /**
     * The units of each SKU this authorization takes from what its purchase may still return: all it asks while
     * requested, those that came once received, none if it ended unreceived (rejected, expired).
     */
    public Map<String, Integer> unitsTaken() {
        var taken = new LinkedHashMap<String, Integer>();
        for (var line : lines) {
            int units = status == ReturnStatus.REQUESTED ? line.quantity()
                    : receivedOn != null ? line.resellable() + line.damaged() : 0;
            taken.merge(line.sku(), units, Integer::sum);
        }
        return taken;
    }

    /** What becoming {@code next} gives back to the purchase, per SKU (the units it no longer takes). */
    public Map<String, Integer> unitsGivenBackBy(ReturnAuthorization next) {
        var back = new LinkedHashMap<String, Integer>();
        var after = next.unitsTaken();
        unitsTaken().forEach((sku, units) -> {
            int freed = units - after.getOrDefault(sku, 0);
            if (freed > 0) back.put(sku, freed);
        });
        return back;
    }

    public ReturnAuthorization received(String location, Instant at, List<Line> counted, int refund) {
        return new ReturnAuthorization(id, code, qrPayload, customerId, source, soldAt, soldOn, counted, reason, method,
                intendedStoreId, status, location, at, refund, refundReference, exchangeReservationId, timeline,
                createdAt, updatedAt, expiresAt);
    }

    public ReturnAuthorization refunded(String reference) {
        return new ReturnAuthorization(id, code, qrPayload, customerId, source, soldAt, soldOn, lines, reason, method,
                intendedStoreId, status, receivedAt, receivedOn, refundCents, reference, exchangeReservationId, timeline,
                createdAt, updatedAt, expiresAt);
    }
}
