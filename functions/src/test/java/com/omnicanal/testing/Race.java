package com.omnicanal.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Runs N tasks on N threads released together by one gate once all have started, and gives back each task's outcome
 * (its value or the exception it threw), in task order. A throwable the test did not declare expected fails the race, and
 * so does a task that has not finished within the timeout; the pool is always shut down.
 *
 * <pre>{@code
 * var outcomes = Race.of(24).expecting(DomainException.InvalidState.class).run(i -> place("o-" + i));
 * assertThat(outcomes.count(Race.Outcome::succeeded)).isEqualTo(1);
 * }</pre>
 */
public final class Race {

    /** One racer; {@code i} is its number, 0 to N-1. */
    @FunctionalInterface
    public interface Task<T> {
        T run(int i) throws Exception;
    }

    private final int tasks;
    private final List<Class<? extends Throwable>> expected;
    private final Duration timeout;

    private Race(int tasks, List<Class<? extends Throwable>> expected, Duration timeout) {
        if (tasks < 1) throw new IllegalArgumentException("a race needs a task, not " + tasks);
        this.tasks = tasks;
        this.expected = expected;
        this.timeout = timeout;
    }

    public static Race of(int tasks) {
        return new Race(tasks, List.of(), Duration.ofMinutes(3));
    }

    /** The exceptions that are outcomes of the race (a refusal), not failures of the test. */
    @SafeVarargs
    public final Race expecting(Class<? extends Throwable>... outcomes) {
        return new Race(tasks, List.of(outcomes), timeout);
    }

    /** How long all the tasks may take together, from the start. */
    public Race within(Duration timeout) {
        return new Race(tasks, expected, timeout);
    }

    public <T> Outcomes<T> run(Task<T> task) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var pool = Executors.newFixedThreadPool(tasks, runnable -> {
            var thread = new Thread(runnable, "racer");
            thread.setDaemon(true); // a task that ignores its interruption does not keep the JVM alive
            return thread;
        });
        try {
            var started = new CountDownLatch(tasks);
            var gate = new CountDownLatch(1);
            var futures = new ArrayList<Future<T>>();
            for (int i = 0; i < tasks; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    started.countDown();
                    gate.await();
                    return task.run(n);
                }));
            }
            if (!started.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError((tasks - started.getCount()) + " of " + tasks + " tasks started within " + timeout);
            }
            gate.countDown();
            var outcomes = new ArrayList<Outcome<T>>();
            for (int i = 0; i < tasks; i++) {
                try {
                    outcomes.add(new Outcome<>(futures.get(i).get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS), null));
                } catch (ExecutionException e) {
                    outcomes.add(new Outcome<>(null, e.getCause()));
                } catch (TimeoutException e) {
                    throw new AssertionError("task " + i + " of " + tasks + " had not finished within " + timeout);
                }
            }
            var unexpected = outcomes.stream().map(Outcome::failure).filter(Objects::nonNull)
                    .filter(failure -> expected.stream().noneMatch(type -> type.isInstance(failure))).toList();
            if (!unexpected.isEmpty()) {
                var error = new AssertionError(unexpected.size() + " of " + tasks + " tasks failed unexpectedly (expected only "
                        + expected + "): " + unexpected.get(0), unexpected.get(0));
                unexpected.stream().skip(1).forEach(error::addSuppressed);
                throw error;
            }
            return new Outcomes<>(List.copyOf(outcomes));
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one task gave: a value (possibly null), or the expected exception it threw. */
    public record Outcome<T>(T value, Throwable failure) {
        public boolean succeeded() {
            return failure == null;
        }

        public boolean failedWith(Class<? extends Throwable> type) {
            return type.isInstance(failure);
        }
    }

    public record Outcomes<T>(List<Outcome<T>> all) {
        public long count(Predicate<? super Outcome<T>> which) {
            return all.stream().filter(which).count();
        }

        /** The values of the tasks that succeeded, in task order. */
        public List<T> values() {
            return all.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
        }

        public List<Throwable> failures() {
            return all.stream().filter(o -> !o.succeeded()).map(Outcome::failure).toList();
        }

        @Override
        public String toString() {
            return Arrays.toString(all.stream().map(o -> o.succeeded() ? o.value() : o.failure()).toArray());
        }
    }
}
