package com.omnicanal.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.Contract;
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
                                "questions[1].id", "questions[1].options", "questions[1].showIf.questionId",
                                "questions[2].showIf", "activeTo", "targeting.visitWindowDays"));
    }

    @Test
    void theShapesOpenApiStatesAreRefusedBeforeTheRulesRun() {
        var broken = """
                {"name": "Retrait", "activeFrom": "2026-01-01T00:00:00Z",
                 "questions": [{"id": "nps", "kind": "NPS", "text": {"fr": "Note ?", "en": "Score?"}, "required": true},
                               {"id": "why", "kind": "SINGLE", "text": {"fr": "Pourquoi ?"},
                                "options": [{"id": "a", "text": {"fr": "A", "en": "A"}}, {"id": "b", "text": {"fr": "B", "en": "B"}}]}],
                 "targeting": {"triggers": [], "postcodePrefixes": ["75 "], "languages": ["de"], "samplingRate": 0.0,
                               "delayMinutes": -5},
                 "reward": {"percentOff": 80, "validDays": 0}}""";
        assertThat(Contract.refusedFields("POST /ops/questionnaires", broken)).containsExactlyInAnyOrder(
                "questions[1].text.en", "targeting.triggers", "targeting.samplingRate", "targeting.delayMinutes",
                "targeting.languages[0]", "targeting.postcodePrefixes[0]", "reward.percentOff", "reward.validDays");
    }

    @Test
    void textsOfSpacesOnlyAndPagesThatAreNoPathsAreRefused() {
        var q = FeedbackFixture.pickup(Set.of(Questionnaire.Trigger.PAGE_VIEW), null);
        var blank = new Questionnaire.Question("blank", Questionnaire.Kind.TEXT, Map.of("fr", " ", "en", "And?"), List.of(),
                false, null);
        var questions = new java.util.ArrayList<>(q.questions());
        questions.add(blank);
        var t = q.targeting();
        var pages = new Questionnaire.Targeting(t.triggers(), null, null, null, null, null, Set.of(" "), null,
                Set.of("magasins"), 1.0, 0);
        assertThatThrownBy(() -> QuestionnaireRules.validate(new Questionnaire(null, q.name(), 0, questions, q.activeFrom(),
                null, pages, null, null)))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field)
                        .containsExactlyInAnyOrder("questions[4].text", "targeting.pages", "targeting"));
    }
}
