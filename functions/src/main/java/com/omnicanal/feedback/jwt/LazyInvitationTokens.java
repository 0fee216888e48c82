package com.omnicanal.feedback.jwt;

import com.omnicanal.feedback.InvitationTokens;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the real token signer on first use, so functions that never sign a link never fetch its secret. */
public final class LazyInvitationTokens implements InvitationTokens {
    private final Supplier<InvitationTokens> factory;
    private volatile InvitationTokens tokens;

    public LazyInvitationTokens(Supplier<InvitationTokens> factory) {
        this.factory = factory;
    }

    private InvitationTokens tokens() {
        if (tokens == null) {
            synchronized (this) {
                if (tokens == null) tokens = factory.get();
            }
        }
        return tokens;
    }

    @Override
    public String issue(String invitationId, Instant expiresAt) {
        return tokens().issue(invitationId, expiresAt);
    }

    @Override
    public Optional<Link> read(String token) {
        return tokens().read(token);
    }
}
