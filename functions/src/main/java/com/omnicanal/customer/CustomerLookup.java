package com.omnicanal.customer;

import com.omnicanal.shared.DomainException;

/** How staff find the customer in front of them: by phone, else email, else loyalty card. */
public record CustomerLookup(String phone, String email, String card) {
    public CustomerLookup {
        // each is optional in the contract; that one of them is given, it cannot say
        if (phone == null && email == null && card == null) throw new DomainException.InvalidInput("phone", "give phone, email or card");
    }

    public Identity.Kind kind() {
        return phone != null ? Identity.Kind.PHONE : email != null ? Identity.Kind.EMAIL : Identity.Kind.CARD;
    }

    /** The value as typed, of {@link #kind()}. */
    public String typed() {
        return phone != null ? phone : email != null ? email : card;
    }
}
