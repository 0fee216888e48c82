package com.omnicanal.appointment;

import java.time.Instant;
import java.util.Optional;

/** Port: signed, expiring links that let a customer see, cancel or move one appointment without signing in. */
public interface ManageLinks {
    String issue(String appointmentId, Instant expiresAt);

    record Link(String appointmentId, Instant expiresAt) {
    }

    /** What a genuine token says, expired or not (the caller tells "expired" from "forged"); empty when forged. */
    Optional<Link> read(String token);
}
