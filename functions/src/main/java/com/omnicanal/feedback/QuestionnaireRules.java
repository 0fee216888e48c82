package com.omnicanal.feedback;

import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.DomainException.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What makes a questionnaire valid beyond the shape openapi.yaml gives it (lengths, counts, patterns, ranges, fr and en
 * texts): names and texts that say something, ids used once, choices with options, follow-ups that point back with a
 * condition their question can meet, an active period that ends after it starts, a visit count with its window, pages
 * that are paths.
 */
public final class QuestionnaireRules {
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
        var v = new ArrayList<Violation>();
        // the contract has minLength 1: a name of spaces only still reaches us
        if (q.name() == null || q.name().isBlank()) v.add(new Violation("name", "is required, at most 100 characters"));
        var seen = new HashSet<String>();
        for (int i = 0; i < q.questions().size(); i++) {
            question(q.questions().get(i), "questions[" + i + "]", q.questions().subList(0, i), seen, v);
        }
        if (q.activeTo() != null && !q.activeTo().isAfter(q.activeFrom())) {
            v.add(new Violation("activeTo", "must be after activeFrom"));
        }
        targeting(q.targeting(), v);
        if (!v.isEmpty()) throw new DomainException.InvalidInput(v);
    }

    private static void question(Questionnaire.Question question, String at, List<Questionnaire.Question> earlier,
                                 Set<String> seen, List<Violation> v) {
        if (!seen.add(question.id())) v.add(new Violation(at + ".id", "is used twice"));
        texts(question.text(), at + ".text", v);
        boolean choice = question.kind() == Questionnaire.Kind.SINGLE || question.kind() == Questionnaire.Kind.MULTI;
        var options = question.options() == null ? List.<Questionnaire.Option>of() : question.options();
        if (choice && options.size() < 2) v.add(new Violation(at + ".options", "a choice has 2 to 10 options"));
        if (!choice && !options.isEmpty()) v.add(new Violation(at + ".options", "only choices have options"));
        var optionIds = new HashSet<String>();
        for (int i = 0; i < options.size(); i++) {
            var o = options.get(i);
            if (!optionIds.add(o.id())) v.add(new Violation(at + ".options[" + i + "].id", "is 1 to 32 of a-z 0-9 _ -, once"));
            texts(o.text(), at + ".options[" + i + "].text", v);
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
                        .collect(Collectors.toSet());
                if (showIf.anyOf() == null || showIf.anyOf().isEmpty() || !known.containsAll(showIf.anyOf())) {
                    v.add(new Violation(at + ".showIf.anyOf", "must list options of " + showIf.questionId()));
                }
            }
        }
    }

    /** The contract wants fr and en, each of 1 to 300 characters: one of spaces only still reaches us. */
    private static void texts(Map<String, String> text, String at, List<Violation> v) {
        if (text.values().stream().anyMatch(String::isBlank)) {
            v.add(new Violation(at, "needs fr and en, each 1 to 300 characters"));
        }
    }

    private static void targeting(Questionnaire.Targeting t, List<Violation> v) {
        // a number of visits counts within a window: one without the other means nothing
        if (t.minVisits() != null && t.visitWindowDays() == null) {
            v.add(new Violation("targeting.visitWindowDays", "is required with minVisits: 1 to 365"));
        }
        if (t.pages() != null && t.pages().stream().anyMatch(p -> !p.startsWith("/"))) {
            v.add(new Violation("targeting.pages", "each is a path starting with /"));
        }
        // categories are free text in the contract: a blank one names none
        if (t.categories() != null && t.categories().stream().anyMatch(String::isBlank)) {
            v.add(new Violation("targeting", "storeIds, skus and categories: at most 200 values of 1 to 64 characters"));
        }
    }
}
