package com.omnicanal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("fast")
class RaceTest {

    @Test
    void everyTaskRunsAtTheSameTimeAsAllTheOthers() throws Exception {
        // each task waits for all 24 to be running: it gets through only if none waits for a thread
        var allRunning = new CountDownLatch(24);
        var outcomes = Race.of(24).run(i -> {
            allRunning.countDown();
            return allRunning.await(30, TimeUnit.SECONDS);
        });
        assertThat(outcomes.values()).hasSize(24).containsOnly(true);
    }

    @Test
    void outcomesAreCountedByValueAndExpectedException() throws Exception {
        var outcomes = Race.of(20).expecting(IllegalStateException.class).run(i -> {
            if (i % 4 == 0) throw new IllegalStateException("refused " + i);
            return i;
        });
        assertThat(outcomes.count(Race.Outcome::succeeded)).isEqualTo(15);
        assertThat(outcomes.count(o -> o.failedWith(IllegalStateException.class))).isEqualTo(5);
        assertThat(outcomes.values()).containsExactly(1, 2, 3, 5, 6, 7, 9, 10, 11, 13, 14, 15, 17, 18, 19);
        assertThat(outcomes.failures()).extracting(Throwable::getMessage)
                .containsExactly("refused 0", "refused 4", "refused 8", "refused 12", "refused 16");
    }

    @Test
    void anExceptionNotDeclaredExpectedFailsTheRace() {
        assertThatThrownBy(() -> Race.of(20).expecting(IllegalStateException.class).run(i -> {
            if (i == 7) throw new IllegalArgumentException("boom");
            if (i % 2 == 0) throw new IllegalStateException("refused");
            return i;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("1 of 20 tasks failed unexpectedly").hasMessageContaining("boom")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Race.of(3).run(i -> {
            throw new IllegalStateException("no exception is expected unless declared");
        })).isInstanceOf(AssertionError.class).hasMessageContaining("3 of 3 tasks failed unexpectedly");
    }

    @Test
    @Timeout(60) // the guard of this test, should the race itself hang
    void aHangingTaskFailsTheRaceAtItsTimeoutAndIsInterrupted() {
        var interrupted = new CountDownLatch(1);
        assertThatThrownBy(() -> Race.of(3).within(Duration.ofMillis(500)).run(i -> {
            if (i != 1) return i;
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return i;
        })).isInstanceOf(AssertionError.class).hasMessageContaining("task 1 of 3 had not finished within PT0.5S");
        assertThat(interrupted).as("the pool was shut down: the hanging task was interrupted").satisfies(latch ->
                assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue());
    }
}
