package com.omnicanal.customer;

import java.time.Instant;

/** An email, phone number or loyalty card, owned by at most one customer. Verified ones prove who the person is. */
public record Identity(Kind kind, String value, String customerId, boolean verified, Instant addedAt) {
    public enum Kind { EMAIL, PHONE, CARD }
}
