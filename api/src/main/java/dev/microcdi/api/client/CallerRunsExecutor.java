package dev.microcdi.api.client;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The executor of one blocking call ({@link CallOptions#executor()}): the thread that waits for the call runs
 * its continuations (decoding the answer, retry decisions, the interceptors' stages), so an answer costs one
 * wake-up of that thread instead of a hand-off to the client's callback threads and a second wake-up.
 *
 * <p>Created by the thread that will wait, which then calls {@link #runUntil} once. It takes tasks only while
 * that thread waits there: a task that arrives before (while the thread is still starting the call, or blocked
 * elsewhere, for example in an interceptor that joins a stage of the same call) or after is refused with
 * {@link RejectedExecutionException}, which tells a client to run it on its own threads. So a task is never held
 * by a thread that cannot run it, and none is lost. Tasks taken run before {@code runUntil} returns; one that
 * throws is logged and the others still run. {@link #execute} is thread-safe.
 */
public final class CallerRunsExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger(CallerRunsExecutor.class.getName());
    private static final int STARTING = 0;
    private static final int WAITING = 1;
    private static final int RELEASED = 2;
    private final Thread caller = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean poller;
    private final long pollNanos;
    private volatile int state = STARTING;

    /** An executor whose waiting thread parks at once when it has nothing to run. */
    public CallerRunsExecutor() {
        this(new AtomicBoolean(), 0);
    }

    /**
     * An executor whose waiting thread first polls for a while when it has nothing to run, if no other thread
     * sharing {@code poller} polls at the time: an answer that comes back fast then costs no wake-up at all, and
     * on a machine with few cores only one waiting thread takes CPU from the event loops.
     *
     * @param poller a flag shared by the waiting threads of one client; held by the one that polls
     * @param pollNanos how long that thread polls, 0 to park at once
     * @throws IllegalArgumentException when {@code pollNanos} is negative
     * @throws NullPointerException when {@code poller} is null
     */
    public CallerRunsExecutor(AtomicBoolean poller, long pollNanos) {
        Objects.requireNonNull(poller, "poller");
        if (pollNanos < 0) {
            throw new IllegalArgumentException("pollNanos must not be negative");
        }
        this.poller = poller;
        this.pollNanos = pollNanos;
    }

    /**
     * Queues a task for the waiting thread.
     *
     * @throws RejectedExecutionException unless the thread waits in {@link #runUntil} now
     */
    @Override
    public void execute(Runnable task) {
        if (state != WAITING) {
            throw new RejectedExecutionException("the caller does not wait");
        }
        tasks.offer(task);
        // the caller may have drained the queue for the last time before this task arrived
        if (state != WAITING && tasks.remove(task)) {
            throw new RejectedExecutionException("the caller no longer waits");
        }
        LockSupport.unpark(caller);
    }

    /**
     * Runs tasks on the calling thread until {@code done} completes or the thread is interrupted, then refuses
     * later tasks; tasks already queued run here before it returns.
     *
     * @param done the stage of the call
     * @return false when the thread was interrupted before {@code done} completed (the flag stays set)
     * @throws IllegalStateException when called by another thread than the one that created this executor, or
     *     a second time
     */
    public boolean runUntil(CompletionStage<?> done) {
        if (Thread.currentThread() != caller) {
            throw new IllegalStateException("runUntil is for the thread that created the executor");
        }
        if (state != STARTING) {
            throw new IllegalStateException("runUntil runs once");
        }
        CompletableFuture<?> future = done.toCompletableFuture();
        boolean interrupted = false;
        state = WAITING;
        try {
            if (!future.isDone()) {
                // a stage completed elsewhere than in one of the tasks (an interceptor's own answer) wakes it too
                future.whenComplete((v, t) -> {
                    if (Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                });
                interrupted = waitFor(future);
            }
        } finally {
            state = RELEASED;
            Runnable task;
            while ((task = tasks.poll()) != null) {
                run(task);
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !interrupted;
    }

    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "A task of a blocking call failed", e);
        }
    }

    /** Runs tasks until {@code done} completes; true when the thread was interrupted first. */
    private boolean waitFor(CompletableFuture<?> done) {
        if (pollNanos > 0 && poller.compareAndSet(false, true)) {
            try {
                long end = System.nanoTime() + pollNanos;
                while (!done.isDone() && System.nanoTime() - end < 0) {
                    Runnable task = tasks.poll();
                    if (task != null) {
                        run(task);
                    } else {
                        Thread.yield();
                    }
                }
            } finally {
                poller.set(false);
            }
        }
        while (!done.isDone()) {
            Runnable task = tasks.poll();
            if (task != null) {
                run(task);
            } else if (Thread.interrupted()) {
                return true;
            } else {
                LockSupport.park(this);
            }
        }
        return false;
    }
}
