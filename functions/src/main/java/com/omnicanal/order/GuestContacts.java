package com.omnicanal.order;

/**
 * Port: remembers the contact given with an order as unverified identities of the buyer, so that when the same person
 * later verifies that phone or email on an online account, the two profiles are merged.
 */
public interface GuestContacts {
    GuestContacts NONE = (customerId, name, email, phone) -> { };

    void remember(String customerId, String name, String email, String phone);
}
