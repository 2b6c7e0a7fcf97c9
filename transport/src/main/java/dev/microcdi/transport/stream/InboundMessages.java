package dev.microcdi.transport.stream;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.transport.wire.MessageInputStream;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving half of a stream: messages arrive from the event loop as encoded frames ({@link #offer}),
 * wait in a queue, and are decoded and delivered to the one subscriber on an executor, as fast as it
 * requests them. Credit goes back to the sender ({@link Peer#grant}) only for delivered messages, half a
 * window at a time, so that at most one window of messages is ever buffered: a subscriber that stops
 * requesting stops the sender. Signals to the subscriber are serialised (one drain loop at a time).
 *
 * <p>The window starts at {@link WireLimits#streamWindow()} messages and doubles, up to
 * {@link WireLimits#maxStreamWindow()}, each time the reader has taken every message that arrived when credit
 * goes back, so that a fast reader is not held back by the round trips of a small window, as long as the window
 * times the largest message seen on the stream stays within {@link WireLimits#streamWindowBytes()}. A slow reader
 * never grows it.
 *
 * @param <T> the message type
 */
public final class InboundMessages<T> implements Flow.Publisher<T>, Flow.Subscription {

    /** The other side of the stream, as this receiver sees it. */
    public interface Peer {
        /**
         * The reader consumed messages: grant the sender that much more credit.
         *
         * @param credit messages
         */
        void grant(int credit);

        /** The subscriber cancelled: stop the stream. */
        void cancel();

        /**
         * The sender broke flow control (sent more messages than it had credit for): end the stream with
         * this error. The message was dropped.
         *
         * @param error a 400 naming the breach
         */
        void violated(MicroException error);

        /**
         * The subscriber received its last signal ({@code onComplete} or {@code onError}, returned) or
         * cancelled, and no signal of this stream runs any more. Called once, from the delivering thread; by
         * default nothing happens.
         */
        default void settled() {
        }
    }

    private final Executor executor;
    private final Type type;
    private int grantBatch;
    private final Peer peer;
    private final ConcurrentLinkedQueue<ByteBuf> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger buffered = new AtomicInteger();
    /** The window now: the most messages the sender may have sent that this side has not delivered. */
    private volatile int window;
    private final int maxWindow;
    private final long windowBytes;
    /** The largest message seen, in bytes; written on the event loop. */
    private volatile int largest;
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile Codec codec;
    private volatile Flow.Subscriber<? super T> subscriber;
    private volatile boolean done;
    private volatile Throwable error;
    private volatile boolean errorInOrder;
    private volatile boolean cancelled;
    private boolean terminated;
    private boolean settled;
    private int consumed;

    /**
     * Creates the receiving half.
     *
     * @param executor where messages are decoded and delivered: a pool, or the event loop itself ({@code Runnable::run})
     *                 for a receiver that never blocks
     * @param type the Java type of the messages
     * @param limits this side's limits: the first and largest window, and the bytes a grown window may hold
     * @param codec the codec of the messages, or null until {@link #codec(Codec)} sets it
     * @param peer the sender
     */
    public InboundMessages(Executor executor, Type type, WireLimits limits, Codec codec, Peer peer) {
        this.executor = executor;
        this.type = type;
        this.window = limits.streamWindow();
        this.maxWindow = limits.maxStreamWindow();
        this.windowBytes = limits.streamWindowBytes();
        this.grantBatch = Math.max(1, window / 2);
        this.codec = codec;
        this.peer = peer;
    }

    /**
     * Sets the codec once the sender named its content type.
     *
     * @param value the codec
     */
    public void codec(Codec value) {
        this.codec = value;
    }

    /**
     * One encoded message arrived; this receiver owns it from now on. A sender that has more than a window of
     * messages waiting here broke flow control: the message is dropped and {@link Peer#violated} is told, so
     * that memory stays bounded whatever the sender does.
     *
     * @param message the message bytes
     */
    public void offer(ByteBuf message) {
        if (cancelled || done) {
            message.release();
            return;
        }
        int size = message.readableBytes();
        if (size > largest) {
            largest = size;
        }
        if (buffered.incrementAndGet() > window) {
            message.release();
            peer.violated(MicroException.badRequest("micro.flow", "the sender sent more than the %d messages of"
                    + " credit it had on this stream", window));
            return;
        }
        queue.offer(message);
        drain();
    }

    /** The sender completed its half; delivered after the queued messages. */
    public void complete() {
        done = true;
        drain();
    }

    /**
     * The stream failed; delivered at once, queued messages are dropped. Ignored once complete.
     *
     * @param failure the error, a {@link MicroException} for the subscriber
     */
    public void fail(Throwable failure) {
        fail(failure, false);
    }

    /**
     * The stream failed. Ignored once complete.
     *
     * @param failure the error, a {@link MicroException} for the subscriber
     * @param inOrder true when the sender ended its stream with this error, so that it is delivered after
     *                the queued messages the subscriber has demand for (the rest are dropped); false to
     *                deliver it at once and drop them all
     */
    public void fail(Throwable failure, boolean inOrder) {
        if (done) {
            return;
        }
        errorInOrder = inOrder;
        error = failure;
        done = true;
        drain();
    }

    /**
     * Ends the stream for the subscriber at once with {@code failure}, also when the sender had completed
     * and messages still wait for demand (they are dropped). Ignored once the subscriber got its last signal.
     *
     * @param failure the error, a {@link MicroException} for the subscriber
     */
    public void abort(Throwable failure) {
        errorInOrder = false;
        error = failure;
        done = true;
        drain();
    }

    /**
     * Whether the subscriber cancelled.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Whether a subscriber took this stream.
     *
     * @return true once subscribed
     */
    public boolean isSubscribed() {
        return subscribed.get();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> s) {
        Objects.requireNonNull(s, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    // a rejected subscriber gets nothing
                }

                @Override
                public void cancel() {
                    // nothing to cancel
                }
            });
            s.onError(new IllegalStateException("a stream can be subscribed to once"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            fail(new IllegalArgumentException("request(" + n + "): demand must be positive (rule 3.9)"));
            cancel();
            return;
        }
        demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        drain();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            peer.cancel();
            drain();
        }
    }

    private void drain() {
        if (wip.getAndIncrement() == 0) {
            executor.execute(this::drainLoop);
        }
    }

    private void drainLoop() {
        int missed = 1;
        do {
            Flow.Subscriber<? super T> s = subscriber;
            if (cancelled || terminated) {
                releaseQueued();
            } else if (s != null) {
                deliver(s);
            } else if (error != null && !errorInOrder) {
                // failed at once before anyone subscribed: a subscriber would get none of the messages, and one
                // may never come (a handler that ignores its request stream), so they are released now
                releaseQueued();
            }
            if ((cancelled || terminated) && !settled) {
                settled = true;
                peer.settled();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliver(Flow.Subscriber<? super T> s) {
        Throwable failure = error;
        if (failure != null && !errorInOrder) {
            terminate(s, failure);
            return;
        }
        long wanted = demand.get();
        long sent = 0;
        while (sent != wanted && !cancelled) {
            ByteBuf message = queue.poll();
            if (message == null) {
                break;
            }
            buffered.decrementAndGet();
            T value;
            try (MessageInputStream in = new MessageInputStream(message)) {
                @SuppressWarnings("unchecked")
                T decoded = (T) codec.decode(in, type);
                value = decoded;
            } catch (Exception e) {
                MicroException decodeError = e instanceof MicroException me ? me
                        : MicroException.badRequest("micro.codec", "cannot decode a stream message: %s", e.getMessage());
                cancel();
                terminate(s, decodeError);
                return;
            }
            s.onNext(value);
            sent++;
            if (++consumed >= grantBatch && !done) {
                peer.grant(consumed + grow());
                consumed = 0;
            }
        }
        if (sent != 0 && wanted != Long.MAX_VALUE) {
            demand.addAndGet(-sent);
        }
        failure = error;
        if (failure != null && (!errorInOrder || queue.isEmpty() || demand.get() == 0) && !cancelled) {
            terminate(s, failure);
        } else if (failure == null && done && queue.isEmpty() && !cancelled) {
            terminated = true;
            s.onComplete();
        }
    }

    /**
     * Doubles the window when the reader has taken every message that arrived (the window is what holds the
     * stream back) and the bytes allow; returns the extra credit. The new window is in force before the sender
     * learns of it.
     */
    private int grow() {
        int current = window;
        if (current >= maxWindow || !queue.isEmpty()) {
            return 0;
        }
        long grown = Math.min(maxWindow, 2L * current);
        if (grown * Math.max(1, largest) > windowBytes) {
            return 0;
        }
        window = (int) grown;
        grantBatch = Math.max(1, (int) grown / 2);
        return (int) grown - current;
    }

    private void terminate(Flow.Subscriber<? super T> s, Throwable failure) {
        terminated = true;
        releaseQueued();
        s.onError(failure);
    }

    private void releaseQueued() {
        ByteBuf b;
        while ((b = queue.poll()) != null) {
            b.release();
        }
    }
}
