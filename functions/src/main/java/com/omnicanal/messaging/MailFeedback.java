package com.omnicanal.messaging;

import java.time.Instant;
import java.util.List;

/** What the mail provider (SES, through SNS) tells us after a send: a bounce or a complaint, with its own id and time. */
public sealed interface MailFeedback {
    String notificationId();

    Instant at();

    /**
     * {@code permanent}: a hard bounce (the address does not exist): never worth sending to again.
     * {@code mailMessageId}: the bounced mail's Message-ID header (what the mail channel recorded as its provider id).
     */
    record Bounce(String notificationId, List<String> addresses, boolean permanent, String subType, Instant at,
                  String mailMessageId) implements MailFeedback {
        public Bounce(String notificationId, List<String> addresses, boolean permanent, String subType, Instant at) {
            this(notificationId, addresses, permanent, subType, at, null);
        }
    }

    /** The recipient marked the email as spam: a withdrawal of their email marketing consent. */
    record Complaint(String notificationId, List<String> addresses, String feedbackType, Instant at)
            implements MailFeedback {
    }

    /** A notification of another kind (a delivery, an open...): nothing to do. */
    record Other(String notificationId, String type, Instant at) implements MailFeedback {
    }
}
