package com.omnicanal.shared;

import java.time.Instant;
import java.util.Set;

/**
 * Port: something that happened with a customer in a store (an order collected, a return received, a reservation
 * completed, a visit), for the capabilities that react to it (feedback questionnaires).
 */
public interface BusinessEvents {
    BusinessEvents NONE = (kind, customerId, eventId, storeId, skus, at) -> { };

    void happened(String kind, String customerId, String eventId, String storeId, Set<String> skus, Instant at);
}
