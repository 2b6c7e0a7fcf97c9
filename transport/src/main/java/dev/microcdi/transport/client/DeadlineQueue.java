package dev.microcdi.transport.client;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The deadlines of the calls one connection wrote, kept on its event loop with a single timer. Calls mostly
 * share one timeout, so their deadlines arrive in order: they are appended to a queue and the timer waits for
 * the earliest; a call that ends early stays queued until it reaches the head or the queue is compacted. Costs
 * an append per call instead of a timer of its own (its scheduling and its cancelling). A call whose deadline
 * is earlier than the last one queued is refused, and times itself.
 *
 * <p>Not thread-safe: used on the event loop only.
 */
final class DeadlineQueue {
    private static final int MIN_COMPACT = 64;
    private final EventExecutor loop;
    private final ArrayDeque<Timed> calls = new ArrayDeque<>();
    private final Runnable fire = this::fire;
    private boolean armed;
    /** The size at which calls already over are taken out of the queue, so that one slow call holds few. */
    private int compactAt = MIN_COMPACT;

    /** What the queue times: a call. */
    interface Timed {
        /** The deadline, a {@link System#nanoTime()} value. */
        long deadline();

        /** Whether the call is over, so that its deadline no longer matters. */
        boolean isDone();

        /** The deadline passed while the call was not over. */
        void expire();
    }

    DeadlineQueue(EventExecutor loop) {
        this.loop = loop;
    }

    EventExecutor loop() {
        return loop;
    }

    /** Whether a deadline (a {@link System#nanoTime()} value) keeps the queue in order. */
    boolean accepts(long deadline) {
        Timed last = calls.peekLast();
        return last == null || deadline - last.deadline() >= 0;
    }

    /** Queues a call whose deadline {@link #accepts} took; it expires from here unless it is over by then. */
    void add(Timed call) {
        Timed head;
        while ((head = calls.peekFirst()) != null && head.isDone()) {
            calls.pollFirst();
        }
        calls.addLast(call);
        if (calls.size() >= compactAt) {
            calls.removeIf(Timed::isDone);
            compactAt = Math.max(MIN_COMPACT, 2 * calls.size());
        }
        if (!armed) {
            arm();
        }
    }

    /** Calls queued and not known to be over; for tests. */
    int size() {
        return calls.size();
    }

    private void arm() {
        Timed head = calls.peekFirst();
        armed = head != null;
        if (armed) {
            loop.schedule(fire, Math.max(0, head.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private void fire() {
        Timed head;
        long now = System.nanoTime();
        while ((head = calls.peekFirst()) != null && (head.isDone() || head.deadline() - now <= 0)) {
            calls.pollFirst();
            if (!head.isDone()) {
                head.expire();
            }
        }
        arm();
    }
}
