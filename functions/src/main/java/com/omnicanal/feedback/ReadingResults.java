package com.omnicanal.feedback;

import com.omnicanal.shared.Actor;

/** Ops read a questionnaire's results: rate, NPS and CSAT per store and week, free texts, or every answer as CSV. */
public final class ReadingResults {
    private final ManagingQuestionnaires questionnaires;
    private final FeedbackStore store;

    public ReadingResults(ManagingQuestionnaires questionnaires, FeedbackStore store) {
        this.questionnaires = questionnaires;
        this.store = store;
    }

    public Results results(Actor actor, String id) {
        var q = questionnaires.get(actor, id);
        return Results.of(q, store.responses(id), store.tallies(id));
    }

    /** Every answer as a CSV row (no customer in it). */
    public String csv(Actor actor, String id) {
        questionnaires.get(actor, id);
        return Results.csv(store.responses(id));
    }
}
