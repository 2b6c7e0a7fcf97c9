package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Frames of streams written from any thread: they queue here and one task on the channel's event loop
 * writes whatever has queued and flushes once, so that a fast producer costs one flush per batch rather
 * than per message. Frames of one thread keep their order, and a frame queued before a later
 * {@code channel.write} of the same thread is written before it.
 */
public final class FrameQueue {
    private final Channel channel;
    private final ConcurrentLinkedQueue<ByteBuf> frames = new ConcurrentLinkedQueue<>();
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
     * Queues a frame for writing.
     *
     * @param frame the frame bytes, owned by the queue from now on
     */
    public void add(ByteBuf frame) {
        frames.offer(frame);
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        ByteBuf frame;
        boolean wrote = false;
        while ((frame = frames.poll()) != null) {
            channel.write(frame, channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }
}
