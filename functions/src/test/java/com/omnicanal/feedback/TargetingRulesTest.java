package com.omnicanal.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.feedback.Questionnaire.Targeting;
import com.omnicanal.feedback.Questionnaire.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("fast")
class TargetingRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final FeedbackEvent PARIS_COLLECT = new FeedbackEvent(Trigger.ORDER_COLLECTED, "cust-camille",
            "ORDER_COLLECTED#o1", "paris-rivoli", "75001", Set.of("TSH-COT-BLU-M"), Set.of("t-shirts"), "fr", null, 4, NOW);
    private static final Targeting ANY = new Targeting(Set.of(Trigger.ORDER_COLLECTED), null, null, null, null, null,
            null, null, null, 1.0, 0);

    private static Questionnaire q(Targeting t) {
        return new Questionnaire("q1", "q", 1, List.of(), NOW.minusSeconds(3600), null, t, null, NOW);
    }

    private static Targeting with(Set<Trigger> triggers, Set<String> stores, Set<String> postcodes, Integer minVisits,
                                  Set<String> skus, Set<String> categories, Set<String> languages, Set<String> pages,
                                  double sampling) {
        return new Targeting(triggers, stores, postcodes, minVisits, minVisits == null ? null : 30, skus, categories,
                languages, pages, sampling, 0);
    }

    static Stream<Arguments> cases() {
        var collected = Set.of(Trigger.ORDER_COLLECTED);
        return Stream.of(
                Arguments.of("no filter", ANY, PARIS_COLLECT, 0.5, true),
                Arguments.of("other trigger", with(Set.of(Trigger.RETURN_RECEIVED), null, null, null, null, null, null, null, 1),
                        PARIS_COLLECT, 0.5, false),
                Arguments.of("its store", with(collected, Set.of("paris-rivoli"), null, null, null, null, null, null, 1),
                        PARIS_COLLECT, 0.5, true),
                Arguments.of("another store", with(collected, Set.of("lyon-republique"), null, null, null, null, null, null, 1),
                        PARIS_COLLECT, 0.5, false),
                Arguments.of("region by postcode prefix", with(collected, null, Set.of("75", "92"), null, null, null, null, null, 1),
                        PARIS_COLLECT, 0.5, true),
                Arguments.of("outside the region", with(collected, null, Set.of("69"), null, null, null, null, null, 1),
                        PARIS_COLLECT, 0.5, false),
                Arguments.of("enough visits", with(collected, null, null, 4, null, null, null, null, 1), PARIS_COLLECT, 0.5, true),
                Arguments.of("too few visits", with(collected, null, null, 5, null, null, null, null, 1), PARIS_COLLECT, 0.5, false),
                Arguments.of("bought the product", with(collected, null, null, null, Set.of("TSH-COT-BLU-M", "X"), null, null, null, 1),
                        PARIS_COLLECT, 0.5, true),
                Arguments.of("did not buy it", with(collected, null, null, null, Set.of("VES-LIN-BEI-M"), null, null, null, 1),
                        PARIS_COLLECT, 0.5, false),
                Arguments.of("bought in the category", with(collected, null, null, null, null, Set.of("t-shirts"), null, null, 1),
                        PARIS_COLLECT, 0.5, true),
                Arguments.of("other category", with(collected, null, null, null, null, Set.of("vestes"), null, null, 1),
                        PARIS_COLLECT, 0.5, false),
                Arguments.of("speaks the language", with(collected, null, null, null, null, null, Set.of("fr"), null, 1),
                        PARIS_COLLECT, 0.5, true),
                Arguments.of("other language", with(collected, null, null, null, null, null, Set.of("en"), null, 1),
                        PARIS_COLLECT, 0.5, false),
                Arguments.of("page filter does not apply to store events", with(collected, null, null, null, null, null, null,
                        Set.of("/checkout"), 1), PARIS_COLLECT, 0.5, true),
                Arguments.of("sampled in", with(collected, null, null, null, null, null, null, null, 0.25), PARIS_COLLECT, 0.2, true),
                Arguments.of("sampled out", with(collected, null, null, null, null, null, null, null, 0.25), PARIS_COLLECT, 0.25, false),
                Arguments.of("every filter at once", with(collected, Set.of("paris-rivoli"), Set.of("75"), 2, Set.of("TSH-COT-BLU-M"),
                        Set.of("t-shirts"), Set.of("fr"), null, 0.5), PARIS_COLLECT, 0.1, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void targeting(String name, Targeting targeting, FeedbackEvent event, double draw, boolean expected) {
        assertThat(TargetingRules.matches(q(targeting), event, draw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "page {0}")
    @MethodSource("pages")
    void pageViewsMatchByPathPrefix(String page, boolean expected) {
        var t = new Targeting(Set.of(Trigger.PAGE_VIEW), null, null, null, null, null, null, null,
                Set.of("/commande/confirmation"), 1.0, 0);
        var view = new FeedbackEvent(Trigger.PAGE_VIEW, "visitor:abc12345", "e", null, null, Set.of(), Set.of(), "fr", page, 0, NOW);
        assertThat(TargetingRules.matches(q(t), view, 0.5)).isEqualTo(expected);
    }

    static Stream<Arguments> pages() {
        return Stream.of(Arguments.of("/commande/confirmation", true), Arguments.of("/commande/confirmation/123", true),
                Arguments.of("/produits/t-shirt", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("periods")
    void onlyWithinTheActivePeriod(String name, Instant from, Instant to, boolean expected) {
        var q = new Questionnaire("q1", "q", 1, List.of(), from, to, ANY, null, NOW);
        assertThat(TargetingRules.matches(q, PARIS_COLLECT, 0.5)).isEqualTo(expected);
    }

    static Stream<Arguments> periods() {
        return Stream.of(Arguments.of("open-ended", NOW.minusSeconds(60), null, true),
                Arguments.of("not started", NOW.plusSeconds(60), null, false),
                Arguments.of("ended", NOW.minusSeconds(7200), NOW.minusSeconds(60), false),
                Arguments.of("ends exactly now", NOW.minusSeconds(7200), NOW, false));
    }
}
