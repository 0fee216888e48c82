package com.omnicanal.customer;

import java.util.Map;
import java.util.Optional;

/** Port: what the staff lookup shows of the customer's loyalty (balance and tier), from the loyalty capability. */
public interface LoyaltyStandings {
    LoyaltyStandings NONE = customerId -> Optional.empty();

    Optional<Map<String, Object>> standing(String customerId);
}
