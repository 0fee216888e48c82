package com.omnicanal.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The questions of an invitation's questionnaire version, in its language, with the conditions that show follow-ups. */
public record QuestionnaireView(String questionnaireId, int version, String title, String language, Instant expiresAt,
                                List<Question> questions, Integer rewardPercentOff) {

    public record Question(String id, Questionnaire.Kind kind, String text, List<Option> options, boolean required,
                           Questionnaire.ShowIf showIf, Integer min, Integer max) {
    }

    public record Option(String id, String text) {
    }

    static QuestionnaireView of(Questionnaire q, Invitation invitation) {
        var lang = invitation.language();
        var questions = q.questions().stream().map(question -> new Question(question.id(), question.kind(),
                text(question.text(), lang),
                question.options() == null ? List.of() : question.options().stream()
                        .map(o -> new Option(o.id(), text(o.text(), lang))).toList(),
                question.mustAnswer(), question.showIf(), QuestionnaireRules.min(question.kind()),
                QuestionnaireRules.max(question.kind()))).toList();
        return new QuestionnaireView(q.id(), q.version(), q.name(), lang, invitation.expiresAt(), questions,
                q.reward() == null ? null : q.reward().percentOff());
    }

    private static String text(Map<String, String> texts, String language) {
        return texts.getOrDefault(language, texts.get("fr"));
    }
}
