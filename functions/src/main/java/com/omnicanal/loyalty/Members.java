package com.omnicanal.loyalty;

import java.time.Month;
import java.util.Optional;

/**
 * Port: who the member is and what the programme's rules need to know of them: the customer a till names by loyalty
 * card, phone or email, and the birthday month when the profile has one.
 */
public interface Members {
    Members NONE = new Members() {
        @Override
        public Optional<String> find(String card, String phone, String email) {
            return Optional.empty();
        }

        @Override
        public Optional<Month> birthMonth(String customerId) {
            return Optional.empty();
        }
    };

    /** The customer holding the first of these identities given (card, else phone, else email). */
    Optional<String> find(String card, String phone, String email);

    Optional<Month> birthMonth(String customerId);
}
