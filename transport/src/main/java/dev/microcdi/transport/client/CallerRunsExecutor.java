package dev.microcdi.transport.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The executor of one blocking call: the thread that waits for the call runs its continuations (decoding the
 * answer, retry decisions), so an answer costs one wake-up of the caller instead of a hand-off to the callback
 * pool and a second wake-up. Tasks that arrive after the caller has stopped waiting run on the fallback
 * executor, so none is ever lost.
 */
final class CallerRunsExecutor implements Executor {
    private final Thread caller = Thread.currentThread();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Executor fallback;
    private final AtomicBoolean spinner;
    private final long spinNanos;
    private volatile boolean released;

    /**
     * An executor whose tasks run on the current thread while it waits in {@link #runUntil}.
     *
     * @param fallback runs the tasks that arrive after the wait
     * @param spinner held by the one waiting thread of the client that may poll before it parks
     * @param spinNanos how long that thread polls
     */
    CallerRunsExecutor(Executor fallback, AtomicBoolean spinner, long spinNanos) {
        this.fallback = fallback;
        this.spinner = spinner;
        this.spinNanos = spinNanos;
    }

    @Override
    public void execute(Runnable task) {
        if (released) {
            fallback.execute(task);
            return;
        }
        tasks.offer(task);
        if (released) {
            // the caller may have drained the queue before this task arrived
            if (tasks.remove(task)) {
                fallback.execute(task);
            }
        } else {
            LockSupport.unpark(caller);
        }
    }

    /**
     * Runs tasks on the calling thread until {@code done} completes or the thread is interrupted, then hands
     * later tasks to the fallback executor; tasks already queued run here before it returns.
     *
     * @return false when the thread was interrupted before {@code done} completed (the flag stays set)
     */
    boolean runUntil(Future<?> done) {
        boolean interrupted = false;
        try {
            interrupted = waitFor(done);
        } finally {
            released = true;
            Runnable task;
            while ((task = tasks.poll()) != null) {
                task.run();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return !interrupted;
    }

    /** Runs tasks until {@code done} completes; true when the thread was interrupted first. */
    private boolean waitFor(Future<?> done) {
        if (spinNanos > 0 && spinner.compareAndSet(false, true)) {
            // one waiting thread per client polls for a short while: an answer that comes back fast then costs
            // no wake-up at all; the others park at once
            try {
                long end = System.nanoTime() + spinNanos;
                while (!done.isDone() && System.nanoTime() - end < 0) {
                    Runnable task = tasks.poll();
                    if (task != null) {
                        task.run();
                    } else {
                        Thread.yield();
                    }
                }
            } finally {
                spinner.set(false);
            }
        }
        while (!done.isDone()) {
            Runnable task = tasks.poll();
            if (task != null) {
                task.run();
            } else if (Thread.interrupted()) {
                return true;
            } else {
                LockSupport.park(this);
            }
        }
        return false;
    }
}
