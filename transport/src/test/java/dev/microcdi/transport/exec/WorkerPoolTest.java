package dev.microcdi.transport.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    private static final long KEEP = TimeUnit.SECONDS.toNanos(60);
    private static final long SPIN = TimeUnit.MICROSECONDS.toNanos(50);

    @Test
    void runsEveryTaskExactlyOnceUnderConcurrentSubmitters() throws Exception {
        for (long spin : new long[] {0, SPIN}) {
            WorkerPool pool = new WorkerPool("test-", 4, Integer.MAX_VALUE, KEEP, spin);
            int submitters = 4;
            int perSubmitter = 50_000;
            AtomicIntegerArray runs = new AtomicIntegerArray(submitters * perSubmitter);
            CountDownLatch done = new CountDownLatch(submitters * perSubmitter);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < submitters; s++) {
                int base = s * perSubmitter;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < perSubmitter; i++) {
                        int index = base + i;
                        pool.execute(() -> {
                            runs.incrementAndGet(index);
                            done.countDown();
                        });
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).as("all tasks ran, spin " + spin).isTrue();
            for (int i = 0; i < runs.length(); i++) {
                assertThat(runs.get(i)).as("runs of task " + i).isEqualTo(1);
            }
            assertThat(pool.threads()).isBetween(1, 4);
            pool.shutdownNow();
        }
    }

    @Test
    void tasksBehindABlockedOneRunOnOtherThreads() throws Exception {
        WorkerPool pool = new WorkerPool("test-", 2, 100, KEEP, SPIN);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch others = new CountDownLatch(20);
        pool.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 20; i++) {
            pool.execute(others::countDown);
        }
        assertThat(others.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        pool.shutdown();
    }

    @Test
    void refusesTasksBeyondItsCapacityAndAfterShutdown() throws Exception {
        WorkerPool pool = new WorkerPool("test-", 1, 2, KEEP, 0);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        pool.execute(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        pool.execute(ran::incrementAndGet);
        pool.execute(ran::incrementAndGet);
        assertThatThrownBy(() -> pool.execute(ran::incrementAndGet)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("2 tasks waiting");
        pool.shutdown();
        assertThatThrownBy(() -> pool.execute(ran::incrementAndGet)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("shut down");
        release.countDown();
        // the tasks queued before the shutdown still run, then the thread ends
        await().atMost(Duration.ofSeconds(10)).until(() -> ran.get() == 2 && pool.threads() == 0);
    }

    @Test
    void aTaskThatThrowsLeavesItsWorkerRunning() throws Exception {
        WorkerPool pool = new WorkerPool("test-", 1, 10, KEEP, SPIN);
        CountDownLatch after = new CountDownLatch(1);
        pool.execute(() -> {
            throw new IllegalStateException("expected by the test");
        });
        pool.execute(after::countDown);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.threads()).isEqualTo(1);
        pool.shutdown();
    }

    @Test
    void idleThreadsEndAfterTheKeepAliveAndNewTasksStartThemAgain() throws Exception {
        WorkerPool pool = new WorkerPool("test-", 3, 10, TimeUnit.MILLISECONDS.toNanos(50), SPIN);
        CountDownLatch first = new CountDownLatch(1);
        pool.execute(first::countDown);
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.threads() == 0);
        CountDownLatch second = new CountDownLatch(1);
        pool.execute(second::countDown);
        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
    }

    @Test
    void shutdownNowInterruptsRunningTasksAndDropsQueuedOnes() throws Exception {
        WorkerPool pool = new WorkerPool("test-", 1, 10, KEEP, 0);
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean queuedRan = new AtomicBoolean();
        pool.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        pool.execute(() -> queuedRan.set(true));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdownNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.get() && pool.threads() == 0);
        assertThat(queuedRan).isFalse();
    }

    @Test
    void aParkedWorkerClearsAnInterruptLeftOverFromItsTaskAndParksForReal() throws Exception {
        WorkerPool pool = new WorkerPool("test-", 1, 10, KEEP, 0);
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(() -> {
            worker.set(Thread.currentThread());
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> worker.get().getState() == Thread.State.TIMED_WAITING);
        // an interrupt that reaches the parked thread (a watchdog of an earlier task, say) would have made every
        // park return at once: the thread spun until its keep-alive ran out
        worker.get().interrupt();
        await().atMost(Duration.ofSeconds(10)).until(() -> !worker.get().isInterrupted()
                && worker.get().getState() == Thread.State.TIMED_WAITING);
        CountDownLatch next = new CountDownLatch(1);
        pool.execute(next::countDown);
        assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
    }

    @Test
    void everyTaskAcceptedBeforeAShutdownRunsWhileSubmittersRace() throws Exception {
        for (int trial = 0; trial < 300; trial++) {
            WorkerPool pool = new WorkerPool("test-", 2, Integer.MAX_VALUE, KEEP, trial % 2 == 0 ? 0 : SPIN);
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> submitters = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        while (true) {
                            pool.execute(ran::incrementAndGet);
                            accepted.incrementAndGet();
                        }
                    } catch (RejectedExecutionException | InterruptedException e) {
                        // the pool shut down: stop submitting
                    }
                });
                submitters.add(t);
                t.start();
            }
            go.countDown();
            Thread.onSpinWait();
            pool.shutdown();
            for (Thread t : submitters) {
                t.join();
            }
            int trialNumber = trial;
            await("trial " + trialNumber).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> ran.get() == accepted.get() && pool.threads() == 0);
        }
    }

    @Test
    void refusesInvalidBounds() {
        assertThatThrownBy(() -> new WorkerPool("test-", 0, 1, KEEP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerPool("test-", 1, 0, KEEP, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerPool("test-", 1, 1, KEEP, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
