package com.omnicanal.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class AnswerRulesTest {
    private final Questionnaire q = FeedbackFixture.pickup(Set.of(Questionnaire.Trigger.ORDER_COLLECTED), null);

    private static Response.Answer score(String id, int score) {
        return new Response.Answer(id, null, score, null, null);
    }

    @Test
    void detractorsAreAskedWhyAndMustAnswer() {
        assertThatThrownBy(() -> AnswerRules.validate(q, List.of(score("nps", 4))))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("answers[why]"));
        var answers = AnswerRules.validate(q, List.of(score("nps", 4),
                new Response.Answer("why", null, null, List.of("wait"), null)));
        assertThat(answers).extracting(Response.Answer::kind)
                .containsExactly(Questionnaire.Kind.NPS, Questionnaire.Kind.SINGLE);
    }

    @Test
    void promotersAreNotAskedWhy() {
        assertThat(AnswerRules.validate(q, List.of(score("nps", 9)))).hasSize(1);
        assertThatThrownBy(() -> AnswerRules.validate(q, List.of(score("nps", 9),
                new Response.Answer("why", null, null, List.of("wait"), null))))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("not asked");
    }

    @Test
    void scoresChoicesAndTextsAreChecked() {
        assertThatThrownBy(() -> AnswerRules.validate(q, List.of(score("nps", 11), score("csat", 0),
                new Response.Answer("comment", null, null, null, "x".repeat(1001)), score("nope", 3))))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("answers[3].questionId"));
        assertThatThrownBy(() -> AnswerRules.validate(q, List.of(score("nps", 11), score("csat", 0),
                new Response.Answer("comment", null, null, null, "x".repeat(1001)))))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field)
                        .containsExactly("answers[nps].score", "answers[csat].score", "answers[comment].text"));
        assertThatThrownBy(() -> AnswerRules.validate(q, List.of(score("nps", 3),
                new Response.Answer("why", null, null, List.of("wait", "staff"), null))))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("choose one");
    }

    @Test
    void freeTextKeepsNoEmailOrPhoneNumber() {
        var answers = AnswerRules.validate(q, List.of(score("nps", 10), new Response.Answer("comment", null, null, null,
                "Super accueil ! Rappelez-moi au 06 12 34 56 78 ou camille.martin@example.fr, carte 2900123456.")));
        assertThat(answers.get(1).text())
                .isEqualTo("Super accueil ! Rappelez-moi au [number] ou [email], carte [number].");
    }
}
