package dev.microcdi.transport.wire;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Messages written to a channel from any thread (frames, requests, answers): they queue here and one task on
 * the channel's event loop writes whatever has queued and flushes once, so that many calls or a fast
 * producer cost one flush (one system call) per batch rather than per message. Messages of one thread keep
 * their order. A message that is itself a {@link ChannelFutureListener} is told the outcome of its write.
 */
public final class FrameQueue {
    private final Channel channel;
    private final ConcurrentLinkedQueue<Object> messages = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    /**
     * A queue for one channel.
     *
     * @param channel the channel
     */
    public FrameQueue(Channel channel) {
        this.channel = channel;
    }

    /**
     * Queues a message for writing.
     *
     * @param message what the channel's pipeline writes, owned by the queue from now on
     */
    public void add(Object message) {
        if (messages.isEmpty() && channel.eventLoop().inEventLoop()) {
            // nothing queued before it: write at once, the flush still waits for the end of the batch
            write(message);
        } else {
            messages.offer(message);
        }
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drain);
        }
    }

    private void write(Object message) {
        if (message instanceof ChannelFutureListener listener) {
            channel.write(message).addListener(listener);
        } else {
            channel.write(message, channel.voidPromise());
        }
    }

    private void drain() {
        scheduled.set(false);
        Object message;
        while ((message = messages.poll()) != null) {
            write(message);
        }
        channel.flush();
    }
}
