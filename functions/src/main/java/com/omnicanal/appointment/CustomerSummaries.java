package com.omnicanal.appointment;

import java.util.Optional;

/** Port: who the customer is, as an advisor's agenda shows them (the customer capability owns profiles). */
public interface CustomerSummaries {
    CustomerSummaries NONE = id -> Optional.empty();

    record Summary(String name, String language, String homeStoreId, String email, String phone) {
    }

    Optional<Summary> of(String customerId);
}
