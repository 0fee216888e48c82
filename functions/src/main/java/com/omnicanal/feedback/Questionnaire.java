package com.omnicanal.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A short survey (seed 000's "questionnaires intelligents"): questions in fr and en, follow-ups shown on an earlier
 * answer, who is asked and when (targeting), an active period, an optional reward; every change is a new version.
 */
public record Questionnaire(String id, String name, Integer version, List<Question> questions, Instant activeFrom,
                            Instant activeTo, Targeting targeting, Reward reward, Instant updatedAt) {

    public enum Kind { NPS, CSAT, SINGLE, MULTI, TEXT }

    /** Asked only when an earlier answer is within [min, max] (scores) or one of {@code anyOf} (choices). */
    public record ShowIf(String questionId, Integer min, Integer max, List<String> anyOf) {
    }

    public record Option(String id, Map<String, String> text) {
    }

    public record Question(String id, Kind kind, Map<String, String> text, List<Option> options, Boolean required,
                           ShowIf showIf) {
        public boolean mustAnswer() {
            return Boolean.TRUE.equals(required);
        }
    }

    /**
     * Who is asked: the trigger, where (stores, postcode prefixes), how often they come (minVisits in visitWindowDays),
     * what they bought, their language, the storefront pages (path prefixes); a sample; a delay after the event.
     */
    public record Targeting(Set<Trigger> triggers, Set<String> storeIds, Set<String> postcodePrefixes, Integer minVisits,
                            Integer visitWindowDays, Set<String> skus, Set<String> categories, Set<String> languages,
                            Set<String> pages, Double samplingRate, Integer delayMinutes) {
        public int delay() {
            return delayMinutes == null ? 0 : delayMinutes;
        }
    }

    public enum Trigger { ORDER_COLLECTED, RETURN_RECEIVED, RESERVATION_COMPLETED, STORE_VISIT, PAGE_VIEW, APPOINTMENT_COMPLETED }

    /** A single-use discount code as thanks. */
    public record Reward(Integer percentOff, Integer validDays) {
    }

    public Question question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst().orElse(null);
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(activeFrom) && (activeTo == null || at.isBefore(activeTo));
    }
}
