package com.omnicanal.loyalty;

import java.time.Month;
import java.util.Optional;

/** Port: what the programme's rules need to know about a member (the birthday month, when the profile has one). */
public interface Members {
    Members NONE = customerId -> Optional.empty();

    Optional<Month> birthMonth(String customerId);
}
