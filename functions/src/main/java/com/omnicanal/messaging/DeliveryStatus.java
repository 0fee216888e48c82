package com.omnicanal.messaging;

import java.util.Locale;
import java.util.Optional;

/** Twilio's message statuses, ranked so that a late callback never moves a message backwards. */
public enum DeliveryStatus {
    QUEUED(1), SENDING(2), SENT(3), DELIVERED(4), UNDELIVERED(4), FAILED(4), READ(5);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public static Optional<DeliveryStatus> parse(String twilio) {
        if (twilio == null) return Optional.empty();
        var name = twilio.trim().toUpperCase(Locale.ROOT);
        if (name.equals("ACCEPTED") || name.equals("SCHEDULED")) return Optional.of(QUEUED);
        try {
            return Optional.of(valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
