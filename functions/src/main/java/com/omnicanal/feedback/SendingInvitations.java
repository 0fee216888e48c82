package com.omnicanal.feedback;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.messaging.SentMessages;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;

/**
 * The sweep (scheduled): invitations whose delay has passed go to messaging by a signed link, under the fatigue cap,
 * each at most once; one counts as sent in the results only once a channel took it.
 */
public final class SendingInvitations implements SentMessages {
    public static final String INVITATION = "FEEDBACK_INVITATION";
    private static final String INVITATION_KEY = "FEEDBACK#";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneOffset.UTC);

    private final Catalog catalog;
    private final FeedbackStore store;
    private final InvitationTokens tokens;
    private final ContactBook contacts;
    private final FeedbackPolicy policy;
    private final Clock clock;

    public SendingInvitations(Catalog catalog, FeedbackStore store, InvitationTokens tokens, ContactBook contacts,
                              FeedbackPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.tokens = tokens;
        this.contacts = contacts;
        this.policy = policy;
        this.clock = clock;
    }

    /** Queued: handed to messaging, which may still hold them for quiet hours (sent once a channel takes them). */
    public record Sweep(int queued, int skipped) {
    }

    /** Hands the invitations whose delay has passed to messaging, under the fatigue cap; each at most once. */
    public Sweep sweep() {
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int queued = 0;
        int skipped = 0;
        for (var invitation : store.due(now, policy.batch())) {
            var q = store.questionnaire(invitation.questionnaireId(), invitation.version()).orElse(null);
            var current = store.questionnaire(invitation.questionnaireId()).orElse(null);
            var recipient = contacts.find(invitation.who());
            String reason = null;
            if (q == null || current == null || !current.activeAt(now)) reason = "questionnaire-inactive";
            else if (recipient.isEmpty() || recipient.get().channelsFor(OutboxMessage.Purpose.FEEDBACK).isEmpty()) {
                reason = "no-feedback-consent";
            } else if (!now.isBefore(invitation.expiresAt())) reason = "expired";
            if (reason != null) {
                store.skip(invitation, reason);
                skipped++;
                continue;
            }
            var outcome = store.send(invitation.sent(now), invitationMessage(invitation, q, now), now.minus(policy.fatigue()));
            if (outcome == FeedbackStore.Sent.SENT) queued++;
            else if (outcome == FeedbackStore.Sent.FATIGUED) skipped++;
        }
        return new Sweep(queued, skipped);
    }

    /**
     * A channel took an invitation: only now does it count as sent in the results (one waiting for quiet hours, or one
     * no channel could take, never does); told twice, it counts once.
     */
    @Override
    public void sent(OutboxMessage message, Instant at) {
        if (!INVITATION.equals(message.kind()) || !message.id().startsWith(INVITATION_KEY)) return;
        store.invitation(message.id().substring(INVITATION_KEY.length())).ifPresent(invitation -> store.delivered(invitation, at));
    }

    private OutboxMessage invitationMessage(Invitation invitation, Questionnaire q, Instant now) {
        var data = new LinkedHashMap<String, String>();
        data.put("link", policy.linkBase() + tokens.issue(invitation.id(), invitation.expiresAt()));
        data.put("questionnaire", q.name());
        data.put("minutes", String.valueOf(Math.max(1, q.questions().size() / 2)));
        data.put("expiresDate", DAY.format(invitation.expiresAt()));
        data.put("storeName", invitation.storeId() == null ? "Omnicanal"
                : catalog.store(invitation.storeId()).map(s -> s.name()).orElse("Omnicanal"));
        // "" without a reward: the templates leave the sentence out
        data.put("rewardPercent", q.reward() == null ? "" : String.valueOf(q.reward().percentOff()));
        var key = INVITATION_KEY + invitation.id();
        return OutboxMessage.of(INVITATION, invitation.who(), key, Delivery.feedback(), data, now);
    }
}
