package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.memory.InMemoryMarketingAllowances;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fatigue rules' rolling windows, on the in-memory allowances with a clock moved by hand. */
@Tag("fast")
@net.jqwik.api.Tag("fast")
class MarketingFatigueTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    private int messages;

    private Optional<String> next(MarketingAllowances allowances) {
        return allowances.take("cust-1", "m-" + (++messages), clock.instant());
    }

    @Test
    void aFourthMessageInSevenDaysIsRefusedUntilTheFirstLeavesTheRollingWeek() {
        var allowances = new InMemoryMarketingAllowances(new MarketingFatigue(3, 8, Duration.ofHours(24)));
        assertThat(next(allowances)).isEmpty();
        clock.advance(Duration.ofDays(2));
        assertThat(next(allowances)).isEmpty();
        clock.advance(Duration.ofDays(2));
        assertThat(next(allowances)).isEmpty();
        clock.advance(Duration.ofDays(2)); // day 6: three in the last 7 days
        assertThat(next(allowances)).contains(MarketingFatigue.WEEKLY);
        clock.advance(Duration.ofDays(1).minusMinutes(1)); // a minute before the first is 7 days old
        assertThat(next(allowances)).contains(MarketingFatigue.WEEKLY);
        clock.advance(Duration.ofMinutes(1));
        assertThat(next(allowances)).isEmpty();
    }

    @Test
    void noneWithinTheGapOfTheLastEvenUnderTheWeeklyLimit() {
        var allowances = new InMemoryMarketingAllowances(new MarketingFatigue(3, 8, Duration.ofHours(24)));
        assertThat(next(allowances)).isEmpty();
        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(next(allowances)).contains(MarketingFatigue.TOO_SOON);
        clock.advance(Duration.ofMinutes(1));
        assertThat(next(allowances)).isEmpty();
    }

    @Test
    void theThirtyDayLimitHoldsWhenEveryWeekIsWithinItsOwn() {
        var allowances = new InMemoryMarketingAllowances(new MarketingFatigue(3, 8, Duration.ofHours(24)));
        for (int day = 0; day <= 21; day += 3) {
            assertThat(next(allowances)).as("day " + day).isEmpty();
            clock.advance(Duration.ofDays(3));
        }
        // day 24: eight in the last 30 days, two in the last 7
        assertThat(next(allowances)).contains(MarketingFatigue.MONTHLY);
        clock.advance(Duration.ofDays(6)); // day 30: the day-0 message has left the month
        assertThat(next(allowances)).isEmpty();
    }

    @Test
    void aRetriedMessageDoesNotCountTwiceAndCustomersCountApart() {
        var allowances = new InMemoryMarketingAllowances(new MarketingFatigue(1, 8, Duration.ZERO));
        assertThat(allowances.take("cust-1", "m-1", clock.instant())).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(allowances.take("cust-1", "m-1", clock.instant())).isEmpty();
        assertThat(allowances.take("cust-1", "m-2", clock.instant())).contains(MarketingFatigue.WEEKLY);
        assertThat(allowances.take("cust-2", "m-3", clock.instant())).isEmpty();
    }

    @Test
    void limitsBelowZeroAreRefused() {
        assertThatThrownBy(() -> new MarketingFatigue(-1, 8, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MarketingFatigue(3, 8, Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Whatever the rhythm of attempts, what goes out keeps to every window. */
    @Property(tries = 200)
    void whatGoesOutNeverBreaksAWindow(@ForAll("gapsInHours") List<Integer> gaps) {
        var rules = new MarketingFatigue(3, 8, Duration.ofHours(20));
        var allowances = new InMemoryMarketingAllowances(rules);
        var clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        var sent = new ArrayList<Instant>();
        int id = 0;
        for (int gap : gaps) {
            clock.advance(Duration.ofHours(gap));
            if (allowances.take("cust-1", "m-" + (++id), clock.instant()).isEmpty()) sent.add(clock.instant());
        }
        for (var at : sent) {
            assertThat(sent.stream().filter(t -> !t.isAfter(at) && t.isAfter(at.minus(MarketingFatigue.WEEK)))).hasSizeLessThanOrEqualTo(3);
            assertThat(sent.stream().filter(t -> !t.isAfter(at) && t.isAfter(at.minus(MarketingFatigue.MONTH)))).hasSizeLessThanOrEqualTo(8);
            assertThat(sent.stream().filter(t -> t.isBefore(at) && t.isAfter(at.minus(rules.minGap())))).isEmpty();
        }
        // and it is not simply refusing everything: the first attempt always goes
        if (!gaps.isEmpty()) assertThat(sent).isNotEmpty();
    }

    @Provide
    Arbitrary<List<Integer>> gapsInHours() {
        return Arbitraries.integers().between(0, 96).list().ofMaxSize(80);
    }
}
