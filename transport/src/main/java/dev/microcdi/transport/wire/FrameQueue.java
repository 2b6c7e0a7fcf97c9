package dev.microcdi.transport.wire;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Messages written to a channel from any thread (frames, requests, answers): they queue here and one task on
 * the channel's event loop writes whatever has queued and flushes once, so that many calls or a fast
 * producer cost one flush (one system call) per batch rather than per message. Messages of one thread keep
 * their order. A message that is itself a {@link ChannelFutureListener} is told the outcome of its write.
 *
 * <p>Whole calls (a request, an answer) written on the event loop while it handles a batch of reads are
 * also flushed after every {@code flushEvery} of them: the peer starts on the first calls of a large batch
 * while the rest are being made, so both sides work at once instead of taking turns. Stream messages do
 * not count; their flow is paced by their window.
 */
public final class FrameQueue {
    /**
     * Default of {@code micro.server.flush-every} and {@code micro.client.flush-every}: a system call per 32
     * calls costs little, and a larger batch reaches the peer in parts that it can start on.
     */
    public static final int DEFAULT_FLUSH_EVERY = 32;
    private final Channel channel;
    private final ConcurrentLinkedQueue<Object> messages = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private final int flushEvery;
    /** Calls written on the event loop since the last flush; touched on the event loop only. */
    private int callsUnflushed;

    /**
     * A queue for one channel.
     *
     * @param channel the channel
     * @param flushEvery how many whole calls written on the event loop are flushed together at most
     */
    public FrameQueue(Channel channel, int flushEvery) {
        if (flushEvery < 1) {
            throw new IllegalArgumentException("flushEvery must be at least 1");
        }
        this.channel = channel;
        this.flushEvery = flushEvery;
    }

    /**
     * Queues a message for writing.
     *
     * @param message what the channel's pipeline writes, owned by the queue from now on
     */
    public void add(Object message) {
        add(message, false);
    }

    /**
     * Queues the frames of a whole call (a request or an answer) for writing.
     *
     * @param message what the channel's pipeline writes, owned by the queue from now on
     */
    public void addCall(Object message) {
        add(message, true);
    }

    /**
     * Queues a message that the peer is waiting for (flow-control credit), flushed at once with what was written
     * before it rather than at the end of the event loop's batch: a sender that has used up its credit starts
     * again while this side is still busy with the batch, instead of after it.
     *
     * @param message what the channel's pipeline writes, owned by the queue from now on
     */
    public void addUrgent(Object message) {
        if (writableNow()) {
            write(message);
            callsUnflushed = 0;
            channel.flush();
        } else {
            add(message, false);
        }
    }

    /**
     * Has {@code writer} write the frames of a whole call now, when called on the event loop with nothing queued;
     * otherwise does nothing and leaves the call to the caller. For the connection handler itself, which writes a
     * call straight into its batch, sparing it the trip through the pipeline and a promise; counted and flushed
     * like a call added here.
     *
     * @param first the writer's first argument
     * @param second the writer's second argument
     * @param writer writes the call's frames, on the event loop
     * @param <A> the type of the first argument
     * @param <B> the type of the second argument
     * @return whether the writer ran
     */
    public <A, B> boolean tryWriteCall(A first, B second, BiConsumer<A, B> writer) {
        if (!writableNow()) {
            return false;
        }
        writer.accept(first, second);
        written(true);
        return true;
    }

    /** On the event loop with nothing queued: a message written now keeps the order of this thread's messages. */
    private boolean writableNow() {
        return messages.isEmpty() && channel.eventLoop().inEventLoop();
    }

    private void add(Object message, boolean call) {
        if (writableNow()) {
            writeNow(message, call);
            return;
        }
        messages.offer(message);
        scheduleDrain();
    }

    /** Nothing queued before it: written at once. */
    private void writeNow(Object message, boolean call) {
        write(message);
        written(call);
    }

    /** A message was written at once: the flush waits for the end of the batch, or enough calls. */
    private void written(boolean call) {
        if (call && ++callsUnflushed >= flushEvery) {
            callsUnflushed = 0;
            channel.flush();
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
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
        callsUnflushed = 0;
        channel.flush();
    }
}
