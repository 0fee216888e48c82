package com.omnicanal.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class QuestionnaireRulesTest {
    @Test
    void theDemoShapedQuestionnaireIsValid() {
        QuestionnaireRules.validate(FeedbackFixture.pickup(Set.of(Questionnaire.Trigger.ORDER_COLLECTED),
                new Questionnaire.Reward(10, 30)));
    }

    @Test
    void everyBrokenRuleIsNamed() {
        var onlyFrench = Map.of("fr", "Pourquoi ?");
        var broken = new Questionnaire(null, " ", 0, List.of(
                new Questionnaire.Question("nps", Questionnaire.Kind.NPS, Map.of("fr", "Note ?", "en", "Score?"), List.of(),
                        true, null),
                new Questionnaire.Question("nps", Questionnaire.Kind.SINGLE, onlyFrench,
                        List.of(new Questionnaire.Option("a", Map.of("fr", "A", "en", "A"))), true,
                        new Questionnaire.ShowIf("later", null, null, null)),
                new Questionnaire.Question("follow", Questionnaire.Kind.TEXT, Map.of("fr", "Et ?", "en", "And?"), List.of(),
                        false, new Questionnaire.ShowIf("nps", 0, 11, null))),
                Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
                new Questionnaire.Targeting(Set.of(), null, Set.of("75 "), 3, null, null, null, Set.of("de"), null, 0.0, -5),
                new Questionnaire.Reward(80, 0), null);
        assertThatThrownBy(() -> QuestionnaireRules.validate(broken))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactlyInAnyOrder("name",
                                "questions[1].id", "questions[1].text", "questions[1].options", "questions[1].showIf.questionId",
                                "questions[2].showIf", "activeTo", "targeting.triggers", "targeting.samplingRate",
                                "targeting.delayMinutes", "targeting.visitWindowDays", "targeting.languages",
                                "targeting.postcodePrefixes", "reward.percentOff", "reward.validDays"));
    }
}
