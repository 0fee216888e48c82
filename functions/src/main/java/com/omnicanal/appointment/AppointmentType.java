package com.omnicanal.appointment;

import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a customer can book at a store (a styling session, a fitting, alterations): Cal.com's "event type", a service
 * in the store's words. Its duration and buffers are whole {@link Cells}; the advisors who give it (none listed: every
 * advisor of the store) and the shared resources it takes one unit of for its duration (a fitting room).
 */
public record AppointmentType(String id, String storeId, String name, int durationMinutes, int bufferBeforeMinutes,
                              int bufferAfterMinutes, int minimumNoticeMinutes, int horizonDays,
                              List<String> advisorIds, List<String> resourceIds, boolean active) {
    /** Items to try one booking may hold (openapi.yaml says the same). */
    public static final int MAX_ITEMS = 3;
    /**
     * TransactWriteItems takes 100 actions; a reschedule may free and take every cell, besides the appointment, its
     * idempotency claim, the erasure check, a message and the items' writes (two each).
     */
    static final int MAX_CELL_ACTIONS = 100 - 4 - 2 * MAX_ITEMS;

    public AppointmentType {
        advisorIds = advisorIds == null ? List.of() : List.copyOf(advisorIds);
        resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
        var violations = new ArrayList<DomainException.Violation>();
        for (var minutes : List.of(durationMinutes, bufferBeforeMinutes, bufferAfterMinutes)) {
            if (minutes % Cells.MINUTES != 0) {
                violations.add(new DomainException.Violation("durationMinutes",
                        "duration and buffers are whole quarters of an hour"));
                break;
            }
        }
        if (resourceIds.stream().distinct().count() != resourceIds.size()) {
            violations.add(new DomainException.Violation("resourceIds", "lists a resource twice"));
        }
        // openapi.yaml bounds each number; what it cannot say is that their product fits one transaction
        if (violations.isEmpty() && 2 * blockCells() * (1 + resourceIds.size()) > MAX_CELL_ACTIONS) {
            violations.add(new DomainException.Violation("durationMinutes", "with its buffers and "
                    + resourceIds.size() + " resource(s), too long to book in one transaction: shorten it or need fewer resources"));
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    /** Whether this advisor gives it. */
    public boolean givenBy(String advisorId) {
        return advisorIds.isEmpty() || advisorIds.contains(advisorId);
    }

    /** Cells an advisor is taken for: the appointment and its buffers. */
    int blockCells() {
        return (bufferBeforeMinutes + durationMinutes + bufferAfterMinutes) / Cells.MINUTES;
    }
}
