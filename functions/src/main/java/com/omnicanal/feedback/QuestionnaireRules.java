package com.omnicanal.feedback;

import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.DomainException.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What makes a questionnaire valid: short, bilingual, follow-ups that point back, sane targeting and reward. */
public final class QuestionnaireRules {
    public static final int MAX_QUESTIONS = 20;
    public static final int MAX_TEXT = 300;
    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final String ID = "^[a-z0-9_-]{1,32}$";

    private QuestionnaireRules() {
    }

    public static Integer min(Questionnaire.Kind kind) {
        return switch (kind) {
            case NPS -> 0;
            case CSAT -> 1;
            default -> null;
        };
    }

    public static Integer max(Questionnaire.Kind kind) {
        return switch (kind) {
            case NPS -> 10;
            case CSAT -> 5;
            default -> null;
        };
    }

    public static void validate(Questionnaire q) {
        if (q == null) throw new DomainException.InvalidInput("body", "is required");
        var v = new ArrayList<Violation>();
        if (q.name() == null || q.name().isBlank() || q.name().length() > 100) {
            v.add(new Violation("name", "is required, at most 100 characters"));
        }
        if (q.questions() == null || q.questions().isEmpty() || q.questions().size() > MAX_QUESTIONS) {
            v.add(new Violation("questions", "1 to " + MAX_QUESTIONS + " questions"));
        } else {
            var seen = new HashSet<String>();
            for (int i = 0; i < q.questions().size(); i++) {
                question(q.questions().get(i), "questions[" + i + "]", q.questions().subList(0, i), seen, v);
            }
        }
        if (q.activeFrom() == null) v.add(new Violation("activeFrom", "is required"));
        if (q.activeFrom() != null && q.activeTo() != null && !q.activeTo().isAfter(q.activeFrom())) {
            v.add(new Violation("activeTo", "must be after activeFrom"));
        }
        targeting(q.targeting(), v);
        if (q.reward() != null) {
            if (q.reward().percentOff() == null || q.reward().percentOff() < 1 || q.reward().percentOff() > 50) {
                v.add(new Violation("reward.percentOff", "must be between 1 and 50"));
            }
            if (q.reward().validDays() == null || q.reward().validDays() < 1 || q.reward().validDays() > 365) {
                v.add(new Violation("reward.validDays", "must be between 1 and 365"));
            }
        }
        if (!v.isEmpty()) throw new DomainException.InvalidInput(v);
    }

    private static void question(Questionnaire.Question question, String at, List<Questionnaire.Question> earlier,
                                 Set<String> seen, List<Violation> v) {
        if (question == null) {
            v.add(new Violation(at, "is required"));
            return;
        }
        if (question.id() == null || !question.id().matches(ID)) v.add(new Violation(at + ".id", "is 1 to 32 of a-z 0-9 _ -"));
        else if (!seen.add(question.id())) v.add(new Violation(at + ".id", "is used twice"));
        if (question.kind() == null) v.add(new Violation(at + ".kind", "must be NPS, CSAT, SINGLE, MULTI or TEXT"));
        texts(question.text(), at + ".text", v);
        boolean choice = question.kind() == Questionnaire.Kind.SINGLE || question.kind() == Questionnaire.Kind.MULTI;
        var options = question.options() == null ? List.<Questionnaire.Option>of() : question.options();
        if (choice && (options.size() < 2 || options.size() > 10)) {
            v.add(new Violation(at + ".options", "a choice has 2 to 10 options"));
        }
        if (!choice && !options.isEmpty()) v.add(new Violation(at + ".options", "only choices have options"));
        var optionIds = new HashSet<String>();
        for (int i = 0; i < options.size(); i++) {
            var o = options.get(i);
            if (o == null || o.id() == null || !o.id().matches(ID) || !optionIds.add(o.id())) {
                v.add(new Violation(at + ".options[" + i + "].id", "is 1 to 32 of a-z 0-9 _ -, once"));
            }
            if (o != null) texts(o.text(), at + ".options[" + i + "].text", v);
        }
        var showIf = question.showIf();
        if (showIf != null) {
            var target = earlier.stream().filter(e -> e != null && e.id() != null && e.id().equals(showIf.questionId()))
                    .findFirst().orElse(null);
            if (target == null) {
                v.add(new Violation(at + ".showIf.questionId", "must name an earlier question"));
            } else if (target.kind() == Questionnaire.Kind.NPS || target.kind() == Questionnaire.Kind.CSAT) {
                int lo = min(target.kind());
                int hi = max(target.kind());
                if ((showIf.min() == null && showIf.max() == null)
                        || (showIf.min() != null && (showIf.min() < lo || showIf.min() > hi))
                        || (showIf.max() != null && (showIf.max() < lo || showIf.max() > hi))
                        || (showIf.min() != null && showIf.max() != null && showIf.min() > showIf.max())) {
                    v.add(new Violation(at + ".showIf", "a score condition has min and/or max within " + lo + ".." + hi));
                }
            } else if (target.kind() == Questionnaire.Kind.TEXT) {
                v.add(new Violation(at + ".showIf", "cannot depend on a free-text answer"));
            } else {
                var known = target.options() == null ? Set.<String>of()
                        : target.options().stream().filter(o -> o != null).map(Questionnaire.Option::id)
                        .collect(java.util.stream.Collectors.toSet());
                if (showIf.anyOf() == null || showIf.anyOf().isEmpty() || !known.containsAll(showIf.anyOf())) {
                    v.add(new Violation(at + ".showIf.anyOf", "must list options of " + showIf.questionId()));
                }
            }
        }
    }

    private static void texts(Map<String, String> text, String at, List<Violation> v) {
        if (text == null || !text.keySet().equals(LANGUAGES)
                || text.values().stream().anyMatch(t -> t == null || t.isBlank() || t.length() > MAX_TEXT)) {
            v.add(new Violation(at, "needs fr and en, each 1 to " + MAX_TEXT + " characters"));
        }
    }

    private static void targeting(Questionnaire.Targeting t, List<Violation> v) {
        if (t == null) {
            v.add(new Violation("targeting", "is required"));
            return;
        }
        if (t.triggers() == null || t.triggers().isEmpty()) {
            v.add(new Violation("targeting.triggers", "at least one of ORDER_COLLECTED, RETURN_RECEIVED, "
                    + "RESERVATION_COMPLETED, STORE_VISIT, PAGE_VIEW"));
        }
        if (t.samplingRate() == null || !(t.samplingRate() > 0 && t.samplingRate() <= 1)) {
            v.add(new Violation("targeting.samplingRate", "must be more than 0 and at most 1"));
        }
        if (t.delay() < 0 || t.delay() > 43_200) {
            v.add(new Violation("targeting.delayMinutes", "must be between 0 and 43200 (30 days)"));
        }
        if (t.minVisits() != null && (t.minVisits() < 1 || t.minVisits() > 1000)) {
            v.add(new Violation("targeting.minVisits", "must be between 1 and 1000"));
        }
        if (t.minVisits() != null && (t.visitWindowDays() == null || t.visitWindowDays() < 1 || t.visitWindowDays() > 365)) {
            v.add(new Violation("targeting.visitWindowDays", "is required with minVisits: 1 to 365"));
        }
        if (t.languages() != null && !LANGUAGES.containsAll(t.languages())) {
            v.add(new Violation("targeting.languages", "only fr and en"));
        }
        if (t.postcodePrefixes() != null && t.postcodePrefixes().stream().anyMatch(p -> p == null || !p.matches("^[0-9A-Z]{1,5}$"))) {
            v.add(new Violation("targeting.postcodePrefixes", "each is 1 to 5 digits or capital letters"));
        }
        if (t.pages() != null && t.pages().stream().anyMatch(p -> p == null || !p.startsWith("/") || p.length() > 200)) {
            v.add(new Violation("targeting.pages", "each is a path starting with /"));
        }
        for (var set : List.of(t.storeIds() == null ? Set.<String>of() : t.storeIds(),
                t.skus() == null ? Set.<String>of() : t.skus(), t.categories() == null ? Set.<String>of() : t.categories())) {
            if (set.size() > 200 || set.stream().anyMatch(s -> s == null || s.isBlank() || s.length() > 64)) {
                v.add(new Violation("targeting", "storeIds, skus and categories: at most 200 values of 1 to 64 characters"));
                break;
            }
        }
    }
}
