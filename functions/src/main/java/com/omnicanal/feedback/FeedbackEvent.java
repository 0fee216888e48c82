package com.omnicanal.feedback;

import java.time.Instant;
import java.util.Set;

/**
 * Something that may deserve a question: an order collected, a return received, a reservation completed, a visit
 * recorded by the POS, a page viewed on the storefront. {@code who} is a customer id, or "visitor:…" for anonymous
 * visitors; {@code eventId} makes sure one event never brings two questionnaires.
 */
public record FeedbackEvent(Questionnaire.Trigger trigger, String who, String eventId, String storeId, String postcode,
                            Set<String> skus, Set<String> categories, String language, String page, int visitsInWindow,
                            Instant at) {

    public FeedbackEvent withVisits(int visits) {
        return new FeedbackEvent(trigger, who, eventId, storeId, postcode, skus, categories, language, page, visits, at);
    }

    public boolean anonymous() {
        return who.startsWith("visitor:");
    }
}
