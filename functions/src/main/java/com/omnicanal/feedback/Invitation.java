package com.omnicanal.feedback;

import java.time.Instant;

/**
 * A questionnaire offered to someone after an event: scheduled (after the delay), sent (handed to messaging at
 * {@code sentAt}, which may hold it for quiet hours; or shown by the storefront), answered, or skipped with a reason.
 * The questionnaire version is fixed when it is offered.
 */
public record Invitation(String id, String questionnaireId, int version, String who, String eventId, String storeId,
                         String language, Status status, Instant dueAt, Instant sentAt, Instant expiresAt,
                         Instant createdAt, String skipReason) {
    public enum Status { SCHEDULED, SENT, ANSWERED, SKIPPED }

    public Invitation sent(Instant at) {
        return new Invitation(id, questionnaireId, version, who, eventId, storeId, language, Status.SENT, dueAt, at,
                expiresAt, createdAt, null);
    }

    public Invitation answered() {
        return new Invitation(id, questionnaireId, version, who, eventId, storeId, language, Status.ANSWERED, dueAt, sentAt,
                expiresAt, createdAt, null);
    }

    public Invitation skipped(String reason) {
        return new Invitation(id, questionnaireId, version, who, eventId, storeId, language, Status.SKIPPED, dueAt, sentAt,
                expiresAt, createdAt, reason);
    }
}
