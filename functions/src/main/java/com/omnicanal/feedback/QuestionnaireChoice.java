package com.omnicanal.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * Which questionnaire an event brings, if any: the first (by id) whose targeting it matches, counting the person's
 * visits when a questionnaire asks for regulars, sampled the same way however often the event is retried.
 */
public final class QuestionnaireChoice {
    private final FeedbackStore store;

    public QuestionnaireChoice(FeedbackStore store) {
        this.store = store;
    }

    public Optional<Questionnaire> firstFor(FeedbackEvent event) {
        for (var q : store.questionnaires().stream().sorted(Comparator.comparing(Questionnaire::id)).toList()) {
            var t = q.targeting();
            var e = event;
            if (t.minVisits() != null && e.visitsInWindow() == 0 && !e.anonymous()) {
                e = e.withVisits(store.visits(e.who(), e.at().minus(Duration.ofDays(t.visitWindowDays()))));
            }
            if (TargetingRules.matches(q, e, draw(event.eventId(), q.id()))) return Optional.of(q);
        }
        return Optional.empty();
    }

    /** A number in [0, 1) fixed by the event and questionnaire: a retried event is sampled the same way. */
    static double draw(String eventId, String questionnaireId) {
        try {
            var hash = MessageDigest.getInstance("SHA-256")
                    .digest((eventId + "|" + questionnaireId).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) bits = (bits << 8) | (hash[i] & 0xff);
            return (double) bits / (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
