package com.omnicanal.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ScoresTest {
    @Test
    void npsIsPromotersShareMinusDetractorsShare() {
        // 10 answers: promoters 9,10,10,9 (4), passives 7,8 (2), detractors 0,6,5,3 (4): 40% - 40% = 0
        assertThat(Scores.nps(List.of(9, 10, 10, 9, 7, 8, 0, 6, 5, 3))).isEqualTo(0.0);
        // 8 answers: 5 promoters, 2 passives, 1 detractor: 62.5% - 12.5% = 50
        assertThat(Scores.nps(List.of(10, 9, 9, 10, 9, 7, 8, 2))).isEqualTo(50.0);
        // 3 answers, all detractors: -100; 7 answers, 6 promoters and a 6: 6/7 - 1/7 = 71.43
        assertThat(Scores.nps(List.of(6, 0, 1))).isEqualTo(-100.0);
        assertThat(Scores.nps(List.of(9, 9, 9, 10, 10, 10, 6))).isCloseTo(71.43, within(0.01));
        assertThat(Scores.nps(List.of())).isNull();
    }

    @Test
    void csatIsTheAverageScore() {
        // (5 + 4 + 4 + 2 + 1) / 5 = 3.2; (5 + 4 + 5) / 3 = 4.667
        assertThat(Scores.csat(List.of(5, 4, 4, 2, 1))).isCloseTo(3.2, within(1e-9));
        assertThat(Scores.csat(List.of(5, 4, 5))).isCloseTo(4.667, within(0.001));
        assertThat(Scores.csat(List.of())).isNull();
    }
}
