package dev.microcdi.transport.stream;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.transport.wire.FrameType;
import dev.microcdi.transport.wire.Frames;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/**
 * The sending half of a stream: subscribes to the application's publisher and requests from it exactly
 * the credit the receiver granted (its window at first, then each WINDOW_UPDATE), encodes each message into
 * a DATA frame and hands it to the {@link Sink}. A publisher that honours demand therefore never produces
 * more than the receiver can hold.
 */
public final class OutboundMessages implements Flow.Subscriber<Object> {

    /** Where frames go; called from the publisher's threads, never concurrently for one stream. */
    public interface Sink {
        /**
         * The allocator for frames.
         *
         * @return the connection's allocator
         */
        ByteBufAllocator alloc();

        /**
         * Writes one DATA frame.
         *
         * @param frame the frame bytes, which the sink owns
         */
        void message(ByteBuf frame);

        /** The publisher completed: end this half of the stream. */
        void completed();

        /**
         * The publisher failed, or a message could not be sent.
         *
         * @param failure the error
         */
        void failed(Throwable failure);
    }

    private final Codec codec;
    private final int streamId;
    private final long maxMessageSize;
    private final Executor executor;
    private final Sink sink;
    private Flow.Subscription upstream;
    private long pending;
    private volatile boolean stopped;

    /**
     * Creates the sending half.
     *
     * @param codec encodes the messages
     * @param streamId the stream
     * @param maxMessageSize the receiver's largest message
     * @param initialCredit the receiver's window
     * @param executor where demand is signalled to the publisher: a pool, or the event loop itself
     *                 ({@code Runnable::run}) for a publisher that never blocks
     * @param sink where frames go
     */
    public OutboundMessages(Codec codec, int streamId, long maxMessageSize, int initialCredit, Executor executor,
            Sink sink) {
        this.codec = codec;
        this.streamId = streamId;
        this.maxMessageSize = maxMessageSize;
        this.pending = initialCredit;
        this.executor = executor;
        this.sink = sink;
    }

    /**
     * The receiver granted more credit.
     *
     * @param credit messages
     */
    public void grant(int credit) {
        Flow.Subscription s;
        synchronized (this) {
            if (stopped) {
                return;
            }
            s = upstream;
            if (s == null) {
                pending += credit;
                return;
            }
        }
        executor.execute(() -> s.request(credit));
    }

    /** The stream ended on the other side or was cancelled: stop the publisher. */
    public void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            stopped = true;
            s = upstream;
        }
        if (s != null) {
            s.cancel();
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        long n;
        synchronized (this) {
            if (upstream != null || stopped) {
                subscription.cancel();
                return;
            }
            upstream = subscription;
            n = pending;
            pending = 0;
        }
        if (n > 0) {
            subscription.request(n);
        }
    }

    @Override
    public void onNext(Object item) {
        if (stopped) {
            return;
        }
        int size = codec.encodedSize(item);
        ByteBuf buf = sink.alloc().buffer(FrameType.HEADER_LENGTH + (size >= 0 ? size : 118));
        int length;
        try {
            int start = Frames.begin(buf, FrameType.DATA, 0, streamId);
            codec.encode(item, new ByteBufOutputStream(buf));
            length = Frames.end(buf, start);
        } catch (RuntimeException e) {
            buf.release();
            stop(e instanceof MicroException ? e
                    : MicroException.internal("micro.codec", "cannot encode a stream message: %s", e.getMessage()));
            return;
        }
        if (length > maxMessageSize) {
            buf.release();
            stop(new MicroException("micro.codec", MicroException.TOO_LARGE, "stream message of " + length
                    + " bytes exceeds the receiver's limit of " + maxMessageSize));
            return;
        }
        sink.message(buf);
    }

    private void stop(Throwable failure) {
        cancel();
        sink.failed(failure);
    }

    @Override
    public void onError(Throwable failure) {
        if (!stopped) {
            stopped = true;
            sink.failed(failure);
        }
    }

    @Override
    public void onComplete() {
        if (!stopped) {
            stopped = true;
            sink.completed();
        }
    }
}
