package com.omnicanal.feedback;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.messaging.ContactBook;
import com.omnicanal.reward.RedeemingRewards;
import com.omnicanal.shared.BusinessMetrics;
import java.time.Clock;

/**
 * Smart feedback questionnaires (seed 000), one class per journey: ops manage questionnaires and read results; an
 * event schedules an invitation (after a delay, with consent, under the fatigue cap, once per event) that the sweep
 * sends by a signed link, or the storefront prompts at once; answers are kept with their version, and a reward code
 * may thank them.
 */
public record FeedbackJourneys(ManagingQuestionnaires managingQuestionnaires, ReadingResults readingResults,
                               SchedulingQuestionnaires schedulingQuestionnaires, RecordingVisits recordingVisits,
                               SendingInvitations sendingInvitations, PromptingVisitors promptingVisitors,
                               AnsweringQuestionnaires answeringQuestionnaires, RedeemingRewards redeemingRewards) {

    public static FeedbackJourneys of(Catalog catalog, FeedbackStore store, InvitationTokens tokens, ContactBook contacts,
                                      FeedbackPolicy policy, Clock clock) {
        return of(catalog, store, tokens, contacts, policy, clock, BusinessMetrics.NONE);
    }

    public static FeedbackJourneys of(Catalog catalog, FeedbackStore store, InvitationTokens tokens, ContactBook contacts,
                                      FeedbackPolicy policy, Clock clock, BusinessMetrics metrics) {
        var managing = new ManagingQuestionnaires(store, clock);
        var choice = new QuestionnaireChoice(store);
        var scheduling = new SchedulingQuestionnaires(catalog, store, contacts, choice, policy, clock);
        return new FeedbackJourneys(managing, new ReadingResults(managing, store), scheduling,
                new RecordingVisits(catalog, store, contacts, scheduling, clock),
                new SendingInvitations(catalog, store, tokens, contacts, policy, clock),
                new PromptingVisitors(catalog, store, tokens, contacts, choice, policy, clock),
                new AnsweringQuestionnaires(store, tokens, clock, metrics), new RedeemingRewards(store, clock));
    }
}
