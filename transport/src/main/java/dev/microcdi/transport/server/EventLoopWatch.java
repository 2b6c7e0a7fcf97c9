package dev.microcdi.transport.server;

import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Warns when an event loop that serves connections does not get to its tasks for longer than a threshold
 * ({@code micro.server.blocked-handler-warning}): code on it blocks, most likely a handler that declared it does not
 * block and does, and every call of the loop's connections waits meanwhile. A thread of its own hands each loop a
 * task now and then and looks whether it ran, since a blocked loop cannot report itself; the warning carries the
 * loop's stack at the time, once per stall. Nothing is added to the call path. Thread-safe.
 */
final class EventLoopWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventLoopWatch.class.getName());

    private final long thresholdNanos;
    private final Map<EventExecutor, Probe> loops = new ConcurrentHashMap<>();
    /** Started with the first loop to watch, so that a server that never serves starts no thread. */
    private ScheduledExecutorService checker;
    private boolean closed;

    /**
     * A watch, idle until {@link #watch} is first called.
     *
     * @param threshold how long a loop may go without running its tasks before the warning; zero watches nothing
     */
    EventLoopWatch(Duration threshold) {
        this.thresholdNanos = threshold.toNanos();
    }

    /** Watches a loop from now on; called once per connection. */
    void watch(EventExecutor loop) {
        if (thresholdNanos == 0 || loops.containsKey(loop)) {
            return;
        }
        if (!loop.inEventLoop()) {
            loop.execute(() -> watch(loop));
            return;
        }
        if (startChecker()) {
            loops.computeIfAbsent(loop, l -> new Probe(Thread.currentThread()));
        }
    }

    /** Starts the checking thread unless it runs or the watch is closed; whether it runs. */
    private synchronized boolean startChecker() {
        if (closed) {
            return false;
        }
        if (checker == null) {
            checker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "micro-server-loop-watch");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(TimeUnit.MILLISECONDS.toNanos(1), thresholdNanos / 4);
            checker.scheduleAtFixedRate(this::checkSafely, period, period, TimeUnit.NANOSECONDS);
        }
        return true;
    }

    /** A failure of one check (a logging handler that throws) must not end the watch: the scheduler would stop. */
    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Checking the event loops failed", e);
        }
    }

    private void check() {
        long now = System.nanoTime();
        loops.entrySet().removeIf(e -> e.getKey().isShuttingDown());
        loops.forEach((loop, probe) -> probe.check(loop, now));
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (checker != null) {
            checker.shutdownNow();
        }
    }

    /** One loop: the task last handed to it, and whether it ran. */
    private final class Probe implements Runnable {
        private final Thread thread;
        private volatile boolean outstanding;
        /** The checker's own state, touched by its thread only. */
        private long sentAt;
        private boolean warned;

        Probe(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void run() {
            outstanding = false;
        }

        void check(EventExecutor loop, long now) {
            if (!outstanding) {
                warned = false;
                sentAt = now;
                outstanding = true;
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException shuttingDown) {
                    outstanding = false;
                }
            } else if (!warned && now - sentAt >= thresholdNanos) {
                warned = true;
                warn(now - sentAt);
            }
        }

        private void warn(long stalledNanos) {
            Throwable where = new Throwable("stack of " + thread.getName() + " at the time");
            where.setStackTrace(thread.getStackTrace());
            LOG.log(Level.WARNING, "Event loop " + thread.getName() + " has not run its tasks for "
                    + TimeUnit.NANOSECONDS.toMillis(stalledNanos) + " ms: code on it blocks, and every call of its"
                    + " connections waits meanwhile. A handler runs there when it declared it does not block (in"
                    + " CDI: it returns CompletionStage or is marked @NonBlocking); mark one that blocks @Blocking,"
                    + " or move its blocking work off the loop. The loop's stack follows", where);
        }
    }
}
