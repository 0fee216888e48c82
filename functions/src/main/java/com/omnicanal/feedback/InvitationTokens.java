package com.omnicanal.feedback;

import java.time.Instant;
import java.util.Optional;

/** Port: signed, expiring links that open one invitation without a login. */
public interface InvitationTokens {
    String issue(String invitationId, Instant expiresAt);

    record Link(String invitationId, Instant expiresAt) {
    }

    /** What a genuine token says (expired or not: the caller tells "expired" from "forged"); empty when forged. */
    Optional<Link> read(String token);
}
