package com.omnicanal.feedback;

import com.omnicanal.shared.DomainException;

/** Who the POS says came in: a customer id, or else the phone number they gave. */
public record TillVisit(String customerId, String phone) {
    public TillVisit {
        // both are optional in the contract; that one of them names someone, it cannot say
        if (customerId != null ? customerId.isBlank() : phone == null) {
            throw new DomainException.InvalidInput("customerId", "give customerId or phone");
        }
    }
}
