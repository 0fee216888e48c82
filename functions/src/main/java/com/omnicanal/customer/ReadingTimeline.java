package com.omnicanal.customer;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** A customer reads what happened with them on every channel, newest first, twenty at a time. */
public final class ReadingTimeline {
    private static final int PAGE = 20;

    private final SigningIn signingIn;
    private final CustomerHistory history;

    public ReadingTimeline(SigningIn signingIn, CustomerHistory history) {
        this.signingIn = signingIn;
        this.history = history;
    }

    public record TimelinePage(List<TimelineEntry> items, String nextCursor) {
    }

    public TimelinePage page(Actor actor, String cursor) {
        Instant before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Instant.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
            }
        }
        var items = history.timeline(signingIn.profile(actor).id(), before, PAGE);
        String next = items.size() < PAGE ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString(items.get(items.size() - 1).at().toString().getBytes(StandardCharsets.UTF_8));
        return new TimelinePage(items, next);
    }
}
