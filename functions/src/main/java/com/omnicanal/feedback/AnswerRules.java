package com.omnicanal.feedback;

import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.DomainException.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks answers against the questions shown (follow-ups only when their condition holds) and strips personal data. */
public final class AnswerRules {
    public static final int MAX_TEXT = 1000;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[A-Za-z]{2,}");
    // 8 or more digits, possibly split by spaces, dots or dashes, with an optional +: a phone or card number
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d(?:[ .-]?\\d){7,}");

    private AnswerRules() {
    }

    /** The answers as stored: each tied to its question's kind, free text masked. */
    public static List<Response.Answer> validate(Questionnaire q, List<Response.Answer> answers) {
        if (answers == null) throw new DomainException.InvalidInput("answers", "is required");
        var v = new ArrayList<Violation>();
        var byId = new HashMap<String, Response.Answer>();
        for (int i = 0; i < answers.size(); i++) {
            var a = answers.get(i);
            if (a == null || a.questionId() == null || q.question(a.questionId()) == null) {
                v.add(new Violation("answers[" + i + "].questionId", "is not a question of this questionnaire"));
            } else if (byId.put(a.questionId(), a) != null) {
                v.add(new Violation("answers[" + i + "].questionId", "is answered twice"));
            }
        }
        if (!v.isEmpty()) throw new DomainException.InvalidInput(v);
        var clean = new ArrayList<Response.Answer>();
        for (var question : q.questions()) {
            var a = byId.get(question.id());
            var at = "answers[" + question.id() + "]";
            if (!shown(question, byId)) {
                if (a != null) v.add(new Violation(at, "is a follow-up that was not asked"));
                continue;
            }
            if (a == null) {
                if (question.mustAnswer()) v.add(new Violation(at, "is required"));
                continue;
            }
            var checked = answer(question, a, at, v);
            if (checked != null) clean.add(checked);
        }
        if (!v.isEmpty()) throw new DomainException.InvalidInput(v);
        if (clean.isEmpty()) throw new DomainException.InvalidInput("answers", "answer at least one question");
        return clean;
    }

    private static Response.Answer answer(Questionnaire.Question question, Response.Answer a, String at, List<Violation> v) {
        switch (question.kind()) {
            case NPS, CSAT -> {
                int lo = QuestionnaireRules.min(question.kind());
                int hi = QuestionnaireRules.max(question.kind());
                if (a.score() == null || a.score() < lo || a.score() > hi || a.choices() != null || a.text() != null) {
                    v.add(new Violation(at + ".score", "is a score from " + lo + " to " + hi));
                    return null;
                }
                return new Response.Answer(question.id(), question.kind(), a.score(), null, null);
            }
            case SINGLE, MULTI -> {
                var known = question.options().stream().map(Questionnaire.Option::id).toList();
                var chosen = a.choices();
                boolean single = question.kind() == Questionnaire.Kind.SINGLE;
                if (chosen == null || chosen.isEmpty() || (single && chosen.size() != 1)
                        || !known.containsAll(chosen) || new HashSet<>(chosen).size() != chosen.size()
                        || a.score() != null || a.text() != null) {
                    v.add(new Violation(at + ".choices", single ? "choose one of " + known : "choose one or more of " + known));
                    return null;
                }
                return new Response.Answer(question.id(), question.kind(), null, List.copyOf(chosen), null);
            }
            case TEXT -> {
                if (a.text() == null || a.text().isBlank() || a.text().length() > MAX_TEXT || a.score() != null
                        || a.choices() != null) {
                    v.add(new Violation(at + ".text", "is 1 to " + MAX_TEXT + " characters"));
                    return null;
                }
                return new Response.Answer(question.id(), question.kind(), null, null, mask(a.text().strip()));
            }
            default -> throw new IllegalStateException(question.kind().name());
        }
    }

    /** A follow-up is asked only when the earlier answer it depends on meets its condition. */
    static boolean shown(Questionnaire.Question question, Map<String, Response.Answer> answers) {
        var c = question.showIf();
        if (c == null) return true;
        var earlier = answers.get(c.questionId());
        if (earlier == null) return false;
        if (earlier.score() != null) {
            return (c.min() == null || earlier.score() >= c.min()) && (c.max() == null || earlier.score() <= c.max());
        }
        return earlier.choices() != null && c.anyOf() != null && earlier.choices().stream().anyMatch(c.anyOf()::contains);
    }

    /** Free text is kept without personal data: emails and phone or card numbers are masked. */
    public static String mask(String text) {
        return NUMBER.matcher(EMAIL.matcher(text).replaceAll("[email]")).replaceAll("[number]");
    }
}
