package dev.microcdi.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CallerRunsExecutorTest {

    /** Submits until the executor takes the task: it refuses tasks until its thread waits. */
    private static void submitOnceWaiting(CallerRunsExecutor executor, Runnable task) {
        while (true) {
            try {
                executor.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void refusesTasksUntilItsThreadWaits() {
        CallerRunsExecutor executor = new CallerRunsExecutor();

        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(executor.runUntil(CompletableFuture.completedFuture(null))).isTrue();
        assertThatThrownBy(() -> executor.runUntil(CompletableFuture.completedFuture(null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTaskThatThrowsLeavesTheOthersToRun() throws Exception {
        CallerRunsExecutor executor = new CallerRunsExecutor();
        CompletableFuture<String> done = new CompletableFuture<>();
        Thread other = new Thread(() -> {
            submitOnceWaiting(executor, () -> {
                throw new IllegalStateException("a failing continuation");
            });
            submitOnceWaiting(executor, () -> done.complete("after"));
        });
        other.start();

        assertThat(executor.runUntil(done)).isTrue();
        other.join();
        assertThat(done).isCompletedWithValue("after");
    }

    @Test
    void runsTheTasksOfOtherThreadsOnTheWaitingThreadUntilTheStageCompletes() throws Exception {
        CallerRunsExecutor executor = new CallerRunsExecutor(new AtomicBoolean(), TimeUnit.MICROSECONDS.toNanos(50));
        CompletableFuture<String> done = new CompletableFuture<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread other = new Thread(() -> submitOnceWaiting(executor, () -> {
            ranOn.set(Thread.currentThread());
            done.complete("x");
        }));
        other.start();

        assertThat(executor.runUntil(done)).isTrue();

        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        other.join();
        assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aStageCompletedWithoutAnyTaskWakesTheWaitingThread() {
        CallerRunsExecutor executor = new CallerRunsExecutor();
        CompletableFuture<String> done = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> done.complete("late"));

        assertThat(executor.runUntil(done)).isTrue();
        assertThat(done).isCompletedWithValue("late");
    }

    @Test
    void everyTaskEitherRunsOnTheWaitingThreadOrIsRefusedWhileTheWaitEnds() throws Exception {
        for (int round = 0; round < 200; round++) {
            CallerRunsExecutor executor = new CallerRunsExecutor();
            CompletableFuture<Void> done = new CompletableFuture<>();
            AtomicInteger ran = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            int tasks = 200;
            CountDownLatch submitted = new CountDownLatch(1);
            Thread other = new Thread(() -> {
                for (int i = 0; i < tasks; i++) {
                    if (i == tasks / 2) {
                        submitOnceWaiting(executor, () -> done.complete(null));
                        continue;
                    }
                    try {
                        executor.execute(ran::incrementAndGet);
                    } catch (RejectedExecutionException e) {
                        refused.incrementAndGet();
                    }
                }
                submitted.countDown();
            });
            other.start();
            executor.runUntil(done);
            submitted.await();
            other.join();
            assertThat(ran.get() + refused.get()).isEqualTo(tasks - 1);
        }
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheFlag() {
        CallerRunsExecutor executor = new CallerRunsExecutor();
        Thread.currentThread().interrupt();

        assertThat(executor.runUntil(new CompletableFuture<>())).isFalse();
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void onlyTheThreadThatCreatedItMayWait() throws Exception {
        CallerRunsExecutor executor = new CallerRunsExecutor();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                executor.runUntil(CompletableFuture.completedFuture(null));
            } catch (IllegalStateException e) {
                thrown.set(e);
            }
        });
        other.start();
        other.join();

        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new CallerRunsExecutor(new AtomicBoolean(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
