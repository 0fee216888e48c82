package com.omnicanal.feedback;

import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: questionnaires and their versions, invitations under the fatigue cap, responses, tallies, reward codes, visits. */
public interface FeedbackStore {
    /** Saves a new version; false when someone else saved another version since {@code previousVersion} (0: new). */
    boolean save(Questionnaire questionnaire, int previousVersion);

    Optional<Questionnaire> questionnaire(String id);

    Optional<Questionnaire> questionnaire(String id, int version);

    List<Questionnaire> questionnaires();

    /** Schedules the invitation; false when its event already brought one. */
    boolean schedule(Invitation invitation);

    List<Invitation> due(Instant now, int limit);

    Optional<Invitation> invitation(String id);

    enum Sent { SENT, FATIGUED, ALREADY_HANDLED }

    /**
     * In one transaction: the person's last-asked time moves to {@code now} only if it is older than {@code cutoff}
     * (the fatigue cap, a conditional write), the scheduled invitation becomes SENT (handed over) and the message joins
     * the outbox. When the cap says no, the invitation is marked SKIPPED instead. Its tally counts it on delivery.
     */
    Sent send(Invitation sent, OutboxMessage message, Instant cutoff);

    /**
     * A channel took the invitation's message: its tally counts it as sent, once (false when it already did), in the
     * week it was handed over like its answer.
     */
    boolean delivered(Invitation invitation, Instant at);

    /** The real-time prompt: records the event, the shown (so delivered) invitation, its tally and the fatigue cap in one transaction. */
    boolean show(Invitation shown, Instant cutoff);

    void skip(Invitation invitation, String reason);

    enum Answered { ANSWERED, ALREADY_ANSWERED, CODE_TAKEN }

    /**
     * Stores the answers once, with the reward code (unique), the thanks message and the scores' business event (null:
     * no score to count), in one transaction.
     */
    Answered answer(Invitation answered, Response response, RewardCode reward, OutboxMessage thanks,
                    BusinessEvent.QuestionnaireAnswered scores);

    List<Response> responses(String questionnaireId);

    /** Invitations delivered (or shown) and answered, per store and ISO week they were handed over. */
    List<Tally> tallies(String questionnaireId);

    record Tally(String storeId, String week, int sent, int answered) {
    }

    void recordVisit(String customerId, String storeId, Instant at);

    int visits(String customerId, Instant since);

    Optional<RewardCode> reward(String code);

    /** Marks the code used, only while unused, unexpired and (when {@code customerId} is given) theirs. */
    boolean redeem(String code, String customerId, Instant now);
}
