package com.omnicanal.customer;

import java.time.Instant;

/** One thing that happened with the customer, on any channel: a reservation, an order, a return, a message. */
public record TimelineEntry(String kind, String id, String status, String summary, String storeId, Instant at) {
}
