package com.omnicanal.feedback;

import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Someone opens the signed link of an invitation (or a prompt) and answers, once: the answers are kept with the
 * questionnaire version they answered, and a single-use reward code may thank them (shown, and sent by email).
 */
public final class AnsweringQuestionnaires {
    public static final String THANKS = "FEEDBACK_THANKS";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneOffset.UTC);

    private final FeedbackStore store;
    private final InvitationTokens tokens;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public AnsweringQuestionnaires(FeedbackStore store, InvitationTokens tokens, Clock clock) {
        this(store, tokens, clock, BusinessMetrics.NONE);
    }

    public AnsweringQuestionnaires(FeedbackStore store, InvitationTokens tokens, Clock clock, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    public QuestionnaireView open(String token) {
        var invitation = openInvitation(token);
        var q = store.questionnaire(invitation.questionnaireId(), invitation.version()).orElseThrow();
        return QuestionnaireView.of(q, invitation);
    }

    public record Thanks(String status, Reward reward) {
    }

    public record Reward(String code, int percentOff, Instant expiresAt) {
    }

    /** Stores the answers once: a second post is refused, the reward is shown and sent by email. */
    public Thanks answer(String token, List<Response.Answer> answers) {
        var invitation = openInvitation(token);
        var q = store.questionnaire(invitation.questionnaireId(), invitation.version()).orElseThrow();
        var clean = AnswerRules.validate(q, answers);
        var now = now();
        var response = new Response(invitation.id(), q.id(), q.version(), invitation.storeId(), now, clean);
        for (int attempt = 0; attempt < 3; attempt++) {
            RewardCode reward = null;
            OutboxMessage thanks = null;
            if (q.reward() != null) {
                reward = new RewardCode(RewardCode.newCode(), invitation.who(), q.id(), q.reward().percentOff(),
                        now.plus(Duration.ofDays(q.reward().validDays())), null);
                if (!invitation.who().startsWith("visitor:")) thanks = thanksMessage(invitation, reward, now);
            }
            switch (store.answer(invitation.answered(), response, reward, thanks, scores(response))) {
                case ANSWERED -> {
                    metrics.count(BusinessMetrics.Figure.QUESTIONNAIRES_ANSWERED, Map.of("questionnaireId", q.id(),
                            "storeId", invitation.storeId() == null ? "-" : invitation.storeId()));
                    return new Thanks("ANSWERED", reward == null ? null
                            : new Reward(reward.code(), reward.percentOff(), reward.expiresAt()));
                }
                case ALREADY_ANSWERED -> throw new DomainException.InvalidState("this questionnaire was already answered");
                case CODE_TAKEN -> {
                    // a 59-bit collision: draw another code
                }
            }
        }
        throw new IllegalStateException("no free reward code after 3 tries");
    }

    /** The NPS and CSAT scores of an answer, for the KPIs; null when it has neither. */
    private static BusinessEvent.QuestionnaireAnswered scores(Response response) {
        Integer nps = null;
        Integer csat = null;
        for (var answer : response.answers()) {
            if (answer.kind() == Questionnaire.Kind.NPS && answer.score() != null && nps == null) nps = answer.score();
            if (answer.kind() == Questionnaire.Kind.CSAT && answer.score() != null && csat == null) csat = answer.score();
        }
        return nps == null && csat == null ? null : new BusinessEvent.QuestionnaireAnswered(response.invitationId(),
                response.storeId(), nps, csat, response.respondedAt());
    }

    private OutboxMessage thanksMessage(Invitation invitation, RewardCode reward, Instant now) {
        var key = "FEEDBACK_THANKS#" + invitation.id();
        // the code goes by email only: it is kept, searched for and used at checkout later
        return OutboxMessage.of(THANKS, invitation.who(), key, new Delivery(OutboxMessage.Purpose.TRANSACTIONAL,
                OutboxMessage.Urgency.NORMAL, Set.of(ChannelKind.EMAIL), null), Map.of("code", reward.code(), "percentOff",
                String.valueOf(reward.percentOff()), "expiresDate", DAY.format(reward.expiresAt())), now);
    }

    private Invitation openInvitation(String token) {
        if (token == null) throw new DomainException.NotFound("unknown feedback link");
        var link = tokens.read(token).orElseThrow(() -> new DomainException.NotFound("unknown feedback link"));
        var invitation = store.invitation(link.invitationId())
                .orElseThrow(() -> new DomainException.NotFound("unknown feedback link"));
        if (invitation.status() == Invitation.Status.ANSWERED) {
            throw new DomainException.InvalidState("this questionnaire was already answered");
        }
        if (invitation.status() != Invitation.Status.SENT) throw new DomainException.NotFound("unknown feedback link");
        if (!now().isBefore(link.expiresAt()) || !now().isBefore(invitation.expiresAt())) {
            throw new DomainException.Gone("this feedback link expired on " + DAY.format(invitation.expiresAt()));
        }
        return invitation;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
