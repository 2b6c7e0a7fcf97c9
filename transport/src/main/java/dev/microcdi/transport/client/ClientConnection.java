package dev.microcdi.transport.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.client.Request;
import dev.microcdi.transport.wire.Frame;
import dev.microcdi.transport.wire.FrameBatcher;
import dev.microcdi.transport.wire.FrameQueue;
import dev.microcdi.transport.wire.FrameType;
import dev.microcdi.transport.wire.Frames;
import dev.microcdi.transport.wire.HeaderBlock;
import dev.microcdi.transport.wire.HeaderBytes;
import dev.microcdi.transport.wire.HeaderPairs;
import dev.microcdi.transport.wire.HeaderStrings;
import dev.microcdi.transport.wire.OversizeFrame;
import dev.microcdi.transport.wire.PeerSettings;
import dev.microcdi.transport.wire.Preface;
import dev.microcdi.transport.wire.WireHeaders;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import java.lang.System.Logger.Level;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One multiplexed connection of the client to one node address. Requests are {@link Attempt}s written
 * through the channel, or by this handler itself when they are sent on its event loop with nothing queued before
 * them (no trip through the pipeline, no promise: the attempt is told the outcome of the batch write itself);
 * this handler gives each an odd, increasing stream id on the event loop, keeps it
 * until its answer arrives, and reports to its call when the connection fails. State lives on the event
 * loop. Streaming calls ({@link StreamCall}) share the connection and its stream ids with unary ones.
 *
 * <p>Concurrent streams: the connection keeps at most as many streams open as the server's SETTINGS allow
 * ({@code max-concurrent-streams}; one until its SETTINGS arrive) and as {@code micro.client.max-concurrent-streams}
 * allows. Further attempts and streams wait here, in
 * order, unwritten, until a stream ends (at most {@code micro.client.max-waiting}; beyond, they are refused
 * unwritten with 503); a waiting one whose call gives up (deadline, cancel) leaves the line,
 * and when the connection fails or goes away the waiting ones are refused unwritten, so their calls may try
 * another node.
 */
final class ClientConnection extends ChannelDuplexHandler {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    /** Room for a request's HEADERS block: service, endpoint, content type, timeout, id and a little metadata. */
    private static final int HEADERS_SIZE = 160;

    private final MucpClient client;
    private final String key;
    private final String address;
    private final WireLimits limits;
    private final int flushEvery;
    private final int maxWaiting;
    private final IntObjectHashMap<Attempt> pending = new IntObjectHashMap<>();
    private final IntObjectHashMap<StreamCall<?>> streams = new IntObjectHashMap<>();
    private final HeaderStrings headerStrings = new HeaderStrings();
    private final HeaderBytes headerBytes = new HeaderBytes();
    private final FrameBatcher batcher = new FrameBatcher();
    private volatile FrameQueue frames;
    private volatile ChannelFuture connect;
    private Channel channel;
    private int nextStreamId = 1;
    private boolean prefaceSent;
    private boolean goingAway;
    private volatile long peerMaxFrameSize = Long.MAX_VALUE;
    private PeerSettings peer = PeerSettings.DEFAULT;
    private boolean settingsReceived;
    private final List<StreamCall<?>> awaitingSettings = new ArrayList<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private DeadlineQueue deadlines;
    /** The fixed headers of the last endpoint called; calls in a row mostly go to the same. Event loop only. */
    private RequestHead lastHead;
    private final BiConsumer<Attempt, Object> writeNow = this::writeNow;

    private final long keepaliveNanos;
    private final long idleTimeoutNanos;
    private long lastActive = System.nanoTime();
    private long lastRead = System.nanoTime();
    private boolean pingOutstanding;
    private boolean callTraffic;
    private ScheduledFuture<?> keepaliveTask;

    /** The headers every call to one endpoint in one content type starts with, encoded once. */
    private record RequestHead(String service, String endpoint, String contentType, HeaderPairs pairs) {
    }

    /**
     * An attempt or a stream waiting for the server's concurrent-stream limit, with the promise of its write (for
     * an attempt that came without one, a promise made for it that tells the attempt).
     */
    private record Waiting(Object call, ChannelPromise promise) {
    }

    ClientConnection(MucpClient client, String key, String address, WireLimits limits, int flushEvery,
            int maxWaiting, long keepaliveNanos, long idleTimeoutNanos) {
        this.client = client;
        this.flushEvery = flushEvery;
        this.maxWaiting = maxWaiting;
        this.key = key;
        this.address = address;
        this.limits = limits;
        this.keepaliveNanos = keepaliveNanos;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /**
     * Keepalive and idle close, every keepalive interval on the event loop. A connection without calls for
     * the idle timeout is closed; one that read nothing for an interval gets a PING, and one whose previous
     * PING is still unanswered is dead and closed (its calls fail as lost).
     */
    private void keepalive(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (pending.isEmpty() && streams.isEmpty() && waiting.isEmpty() && now - lastActive >= idleTimeoutNanos) {
            LOG.log(Level.DEBUG, () -> "Closing idle connection to " + address);
            goingAway = true;
            client.forget(this);
            ctx.close();
        } else if (now - lastRead < keepaliveNanos) {
            return;
        } else if (pingOutstanding) {
            LOG.log(Level.DEBUG, () -> "Closing connection to " + address + ": keepalive PING unanswered");
            ctx.close();
        } else {
            pingOutstanding = true;
            ByteBuf ping = ctx.alloc().buffer(FrameType.HEADER_LENGTH + 8);
            int start = Frames.begin(ping, FrameType.PING, 0, 0);
            ping.writeLong(System.nanoTime());
            Frames.end(ping, start);
            ctx.writeAndFlush(ping);
        }
    }

    String address() {
        return address;
    }

    /** The client's key for this connection: the address, plus {@code #n} with several connections per node. */
    String key() {
        return key;
    }

    void connecting(ChannelFuture future) {
        this.connect = future;
        this.channel = future.channel();
        frames = new FrameQueue(channel, flushEvery);
    }

    Channel channel() {
        return channel;
    }

    /** Sends an attempt once the connection is up; a failed connection refuses it unwritten. */
    void send(Attempt attempt) {
        ChannelFuture f = connect;
        if (f.isSuccess()) {
            if (!frames.tryWriteCall(attempt, null, writeNow)) {
                frames.addCall(attempt);
            }
            return;
        }
        if (!f.isDone()) {
            attempt.call.armDeadline(channel.eventLoop());
        }
        whenConnected(f, () -> frames.addCall(attempt), cause -> {
            connectFailed();
            refuse(attempt, cause);
        });
    }

    /** Opens a stream once the connection is up; a failed connection refuses it unwritten. */
    void sendStream(StreamCall<?> call) {
        whenConnected(connect, () -> writeStream(call), cause -> {
            connectFailed();
            call.notWritten(cause);
        });
    }

    /**
     * Runs {@code connected} or {@code failed} once the connect is done, at once when it is. It asks whether the
     * connect succeeded only after it saw it done, so a connect that completes meanwhile is never taken for a
     * failure without a cause.
     */
    static void whenConnected(ChannelFuture connect, Runnable connected, Consumer<Throwable> failed) {
        if (connect.isDone()) {
            if (connect.isSuccess()) {
                connected.run();
            } else {
                failed.accept(connect.cause());
            }
            return;
        }
        connect.addListener(done -> {
            if (done.isSuccess()) {
                connected.run();
            } else {
                failed.accept(done.cause());
            }
        });
    }

    /**
     * Reports a failed connect to the client before a call learns of it, so that the next call sees the address
     * backing off rather than this connection. Each path that sees the failure (the connect's listener, a call
     * waiting for the connect) reports it and the client counts it once: a path that merely lost a race to
     * report would let its call fail before the address backs off.
     */
    void connectFailed() {
        client.connectFailed(this);
    }

    private void writeStream(StreamCall<?> call) {
        channel.writeAndFlush(call).addListener(f -> {
            if (f.isSuccess()) {
                if (settingsReceived) {
                    call.written(peer.streamWindow(), peerMaxFrameSize);
                } else {
                    // the server's window is not known yet: start sending requests once its SETTINGS arrive
                    awaitingSettings.add(call);
                }
            } else {
                call.notWritten(f.cause());
            }
        });
    }

    /** Resets a stream that the caller cancelled or whose deadline passed. */
    void reset(StreamCall<?> call, int code) {
        channel.eventLoop().execute(() -> {
            int id = call.streamId();
            if (id != 0 && streams.remove(id, call)) {
                channel.writeAndFlush(Frames.u32(channel.alloc(), FrameType.RST, id, code));
                streamEnded();
            } else if (id == 0) {
                leaveLine(call, MicroException.timeout("micro.client", "stream is over before it opened"));
            }
        });
    }

    /** Writes a frame of a request stream from any thread, through the connection's {@link FrameQueue}. */
    void message(ByteBuf frame) {
        frames.add(frame);
    }

    /** Grants the server credit for more response messages on a stream. */
    void windowUpdate(int streamId, int credit) {
        frames.addUrgent(Frames.u32(channel.alloc(), FrameType.WINDOW_UPDATE, streamId, credit));
    }

    private static void refuse(Attempt attempt, Throwable cause) {
        if (attempt.settle()) {
            attempt.call.notWritten(attempt, cause);
        }
    }

    /** Forgets a stream whose request could not be written. */
    void forget(Attempt attempt) {
        channel.eventLoop().execute(() -> {
            if (pending.remove(attempt.streamId, attempt)) {
                streamEnded();
            }
        });
    }

    /** Resets the stream of an attempt the call gave up on, or takes it out of the line of waiting ones. */
    void cancel(Attempt attempt, MicroException why) {
        channel.eventLoop().execute(() -> {
            if (pending.remove(attempt.streamId, attempt)) {
                channel.writeAndFlush(Frames.u32(channel.alloc(), FrameType.RST, attempt.streamId, why.code()));
                streamEnded();
            } else if (attempt.streamId == 0) {
                leaveLine(attempt, why);
            }
        });
    }

    /** Takes a call that gave up out of the line of waiting ones; its write fails unwritten with {@code why}. */
    private void leaveLine(Object call, MicroException why) {
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext();) {
            Waiting w = it.next();
            if (w.call() == call) {
                it.remove();
                w.promise().tryFailure(why);
                return;
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.pipeline().addBefore(ctx.name(), "mcdi-batch", batcher);
        deadlines = new DeadlineQueue(ctx.executor());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        keepaliveTask = ctx.executor().scheduleAtFixedRate(() -> keepalive(ctx), keepaliveNanos, keepaliveNanos,
                TimeUnit.NANOSECONDS);
        sendPreface(ctx);
        ctx.flush();
        ctx.fireChannelActive();
    }

    private void sendPreface(ChannelHandlerContext ctx) {
        if (!prefaceSent) {
            prefaceSent = true;
            ctx.write(Preface.buffer());
            ctx.write(Frames.settings(ctx.alloc(), limits));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Attempt) && !(msg instanceof StreamCall<?>)) {
            ctx.write(msg, promise);
            return;
        }
        admit(msg, promise);
    }

    /**
     * Writes an attempt into the batch on the event loop, as a write of the pipeline would but without its promise:
     * the attempt itself is told the outcome.
     */
    private void writeNow(Attempt attempt, Object unused) {
        try {
            admit(attempt, null);
        } catch (Throwable e) {
            // as the pipeline turns whatever a handler throws, even an Error, into the failure of the write
            if (attempt.isSettled()) {
                LOG.log(Level.WARNING, "Reporting the failed write of a call to " + address + " failed", e);
            } else {
                refuse(attempt, null, e);
            }
        }
    }

    /**
     * Opens a stream for an attempt or a streaming call, or puts it in line while the streams allowed are open.
     *
     * @param promise told the outcome; null for an attempt that is told itself
     */
    private void admit(Object msg, ChannelPromise promise) {
        if (!goingAway && (!waiting.isEmpty() || pending.size() + streams.size() >= streamLimit())) {
            if (waiting.size() >= maxWaiting) {
                refuse(msg, promise, MicroException.unavailable("micro.client", "%d calls already wait for a stream"
                        + " on the connection to %s (micro.client.max-waiting)", waiting.size(), address));
                return;
            }
            if (msg instanceof Attempt attempt) {
                if (attempt.call.isDone()) {
                    // the call gave up while the attempt was on its way here: it never joins the line
                    refuse(msg, promise, attempt.call.deadlineError());
                    return;
                }
                attempt.connection = this;
                // the call's deadline runs while it waits in line
                attempt.call.armDeadline(deadlines);
            }
            waiting.add(new Waiting(msg, promise != null ? promise : ctx.newPromise().addListener((Attempt) msg)));
            return;
        }
        open(ctx, msg, promise);
    }

    /** Fails the write of an attempt or a streaming call: through its promise, or to the attempt itself. */
    private void refuse(Object msg, ChannelPromise promise, Throwable cause) {
        if (promise != null) {
            promise.setFailure(cause);
        } else {
            ((Attempt) msg).operationComplete(ctx.newFailedFuture(cause));
        }
    }

    /**
     * The most streams this connection keeps open: the lower of the server's limit and this client's own
     * ({@code micro.client.max-concurrent-streams}), or one until the server's SETTINGS arrive.
     */
    private int streamLimit() {
        return settingsReceived ? Math.min(peer.maxConcurrentStreams(), limits.maxConcurrentStreams()) : 1;
    }

    private void open(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof StreamCall<?> call) {
            writeStream(ctx, call, promise);
        } else {
            writeAttempt(ctx, (Attempt) msg, promise);
        }
    }

    /** Opens waiting attempts and streams while the server's limit allows, in the order they came. */
    private void admitWaiting() {
        boolean wrote = false;
        while (!waiting.isEmpty() && !goingAway && pending.size() + streams.size() < streamLimit()) {
            Waiting w = waiting.poll();
            open(ctx, w.call(), w.promise());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    /** Refuses every waiting attempt and stream unwritten, with {@code why}. */
    private void refuseWaiting(Throwable why) {
        Waiting w;
        while ((w = waiting.poll()) != null) {
            w.promise().tryFailure(why);
        }
    }

    /** Writes an attempt's frames into the batch; {@code promise} is null for an attempt that is told itself. */
    private void writeAttempt(ChannelHandlerContext ctx, Attempt attempt, ChannelPromise promise) {
        RetryingCall<?> call = attempt.call;
        if (goingAway || nextStreamId < 0) {
            refuse(attempt, promise, MicroException.unavailable("micro.client", "connection to %s is going away",
                    address));
            return;
        }
        ByteBuf body = call.body();
        if (body.readableBytes() > peerMaxFrameSize) {
            refuse(attempt, promise, new MicroException("micro.client", MicroException.TOO_LARGE, "request of "
                    + body.readableBytes() + " bytes exceeds the limit of " + peerMaxFrameSize + " of " + address));
            return;
        }
        long remaining = call.remainingNanos();
        if (remaining <= 0 || call.isDone()) {
            refuse(attempt, promise, call.deadlineError());
            return;
        }
        sendPreface(ctx);
        int id = nextStreamId;
        nextStreamId += 2;
        attempt.streamId = id;
        attempt.connection = this;
        pending.put(id, attempt);
        call.armDeadline(deadlines);
        // the heap body is copied into a direct buffer for the socket anyway: into the batch, after the headers
        ByteBuf out = batcher.buffer(HEADERS_SIZE + 2 * FrameType.HEADER_LENGTH + body.readableBytes());
        int mark = out.writerIndex();
        try {
            writeRequestHeaders(out, id, call.request(), call.contentType(), remaining);
            int data = Frames.begin(out, FrameType.DATA, FrameType.FLAG_END_STREAM, id);
            out.writeBytes(body, body.readerIndex(), body.readableBytes());
            Frames.end(out, data);
        } catch (RuntimeException | Error e) {
            // half a frame left in the batch would corrupt every call after it on the connection
            out.writerIndex(mark);
            throw e;
        }
        if (promise != null) {
            batcher.appended(promise);
        } else {
            batcher.appended(attempt);
        }
    }

    private void writeStream(ChannelHandlerContext ctx, StreamCall<?> call, ChannelPromise promise) {
        if (goingAway || nextStreamId < 0) {
            promise.setFailure(MicroException.unavailable("micro.client", "connection to %s is going away", address));
            return;
        }
        ByteBuf body = call.body();
        if (body != null && body.readableBytes() > peerMaxFrameSize) {
            promise.setFailure(new MicroException("micro.client", MicroException.TOO_LARGE, "request of "
                    + body.readableBytes() + " bytes exceeds the limit of " + peerMaxFrameSize + " of " + address));
            return;
        }
        long remaining = call.remainingNanos();
        if (remaining <= 0 || call.isOver()) {
            promise.setFailure(MicroException.timeout("micro.client", "stream is over before it opened"));
            return;
        }
        sendPreface(ctx);
        int id = nextStreamId;
        nextStreamId += 2;
        call.opened(id);
        streams.put(id, call);
        ByteBuf head = requestHeaders(ctx, id, call.request(), call.contentType(), remaining, 0);
        if (body == null) {
            ctx.write(head, promise);
            return;
        }
        int data = Frames.begin(head, FrameType.DATA, FrameType.FLAG_END_STREAM, id);
        head.setInt(data, body.readableBytes());
        ctx.write(head);
        ctx.write(body.retainedDuplicate(), promise);
    }

    /** The HEADERS frame that opens a stream, in a buffer with room for {@code extra} more bytes. */
    private ByteBuf requestHeaders(ChannelHandlerContext ctx, int id, Request request, String contentType,
            long remaining, int extra) {
        ByteBuf head = ctx.alloc().buffer(HEADERS_SIZE + FrameType.HEADER_LENGTH + extra);
        writeRequestHeaders(head, id, request, contentType, remaining);
        return head;
    }

    private void writeRequestHeaders(ByteBuf head, int id, Request request, String contentType, long remaining) {
        int start = Frames.begin(head, FrameType.HEADERS, 0, id);
        HeaderBlock headers = HeaderBlock.begin(head, headerBytes)
                .add(fixedHeaders(request, contentType))
                .add(WireHeaders.TIMEOUT, remaining);
        for (Map.Entry<String, String> e : request.metadata().entrySet()) {
            if (!WireHeaders.isReserved(e.getKey())) {
                headers.add(e.getKey(), e.getValue());
            }
        }
        headers.end();
        Frames.end(head, start);
    }

    /**
     * The service, endpoint and content type headers: the last call's when they match, else encoded now.
     */
    private HeaderPairs fixedHeaders(Request request, String contentType) {
        RequestHead last = lastHead;
        if (last != null && Objects.equals(last.service(), request.service())
                && Objects.equals(last.endpoint(), request.endpoint()) && Objects.equals(last.contentType(), contentType)) {
            return last.pairs();
        }
        HeaderPairs pairs = HeaderPairs.of(WireHeaders.SERVICE, request.service(), WireHeaders.ENDPOINT,
                request.endpoint(), WireHeaders.CONTENT_TYPE, contentType);
        lastHead = new RequestHead(request.service(), request.endpoint(), contentType, pairs);
        return pairs;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        pingOutstanding = false;
        lastRead = System.nanoTime();
        if (callTraffic || !pending.isEmpty() || !streams.isEmpty()) {
            lastActive = lastRead;
            callTraffic = false;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame frame) {
            callTraffic |= frame.streamId() != 0;
            try {
                read(ctx, frame);
            } finally {
                frame.payload().release();
            }
        } else if (msg instanceof OversizeFrame oversize) {
            StreamCall<?> call = streams.remove(oversize.streamId());
            if (call != null) {
                ctx.writeAndFlush(Frames.u32(ctx.alloc(), FrameType.RST, oversize.streamId(), MicroException.TOO_LARGE));
                call.onReset(MicroException.TOO_LARGE);
                streamEnded();
            }
            Attempt attempt = pending.remove(oversize.streamId());
            if (attempt != null) {
                ctx.writeAndFlush(Frames.u32(ctx.alloc(), FrameType.RST, oversize.streamId(), MicroException.TOO_LARGE));
                fail(attempt, new MicroException("micro.client", MicroException.TOO_LARGE, "answer of "
                        + oversize.length() + " bytes exceeds micro.client.max-message-size " + limits.maxFrameSize()));
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.type()) {
            case FrameType.HEADERS -> headers(ctx, frame);
            case FrameType.DATA -> {
                Attempt attempt = pending.remove(frame.streamId());
                if (attempt == null) {
                    streamData(frame);
                } else if (attempt.settle()) {
                    attempt.call.answered(attempt, frame.payload().retain());
                }
                streamEnded();
            }
            case FrameType.RST -> {
                Attempt attempt = pending.remove(frame.streamId());
                if (attempt == null) {
                    StreamCall<?> call = streams.remove(frame.streamId());
                    if (call != null) {
                        call.onReset(frame.payload().readableBytes() == 4 ? frame.payload().readInt()
                                : MicroException.INTERNAL);
                    }
                } else if (attempt.settle()) {
                    attempt.call.lost(attempt, new ClosedChannelException());
                }
                streamEnded();
            }
            case FrameType.GOAWAY -> goAway(frame);
            case FrameType.SETTINGS -> settings(frame.payload());
            case FrameType.PING -> {
                if (frame.payload().readableBytes() != 8) {
                    throw new CorruptedFrameException("PING payload is not 8 bytes");
                }
                if (!frame.has(FrameType.FLAG_ACK)) {
                    ctx.writeAndFlush(Frames.pingAck(ctx.alloc(), frame));
                }
            }
            case FrameType.WINDOW_UPDATE -> {
                if (frame.payload().readableBytes() != 4) {
                    throw new CorruptedFrameException("WINDOW_UPDATE payload is not 4 bytes");
                }
                int credit = frame.payload().readInt();
                StreamCall<?> call = frame.streamId() == 0 ? null : streams.get(frame.streamId());
                if (call != null && credit > 0) {
                    call.onWindow(credit);
                }
            }
            default -> throw new CorruptedFrameException("unexpected frame type " + frame.type());
        }
    }

    private void streamData(Frame frame) {
        StreamCall<?> call = streams.get(frame.streamId());
        if (call != null) {
            boolean last = frame.has(FrameType.FLAG_END_STREAM);
            if (last) {
                streams.remove(frame.streamId());
            }
            call.onData(frame.payload().retain(), last);
        }
    }

    private void streamHeaders(ChannelHandlerContext ctx, Frame frame, StreamCall<?> call) {
        try {
            HeaderBlock.read(frame.payload(), limits, call, headerStrings);
        } catch (HeaderBlock.TooLargeException e) {
            streams.remove(frame.streamId());
            ctx.writeAndFlush(Frames.u32(ctx.alloc(), FrameType.RST, frame.streamId(), MicroException.TOO_LARGE));
            call.onReset(MicroException.TOO_LARGE);
            streamEnded();
            return;
        }
        boolean last = frame.has(FrameType.FLAG_END_STREAM);
        if (last) {
            streams.remove(frame.streamId());
        }
        call.onHeaders(last);
        streamEnded();
    }

    private void headers(ChannelHandlerContext ctx, Frame frame) {
        Attempt attempt = pending.get(frame.streamId());
        if (attempt == null) {
            StreamCall<?> call = streams.get(frame.streamId());
            if (call != null) {
                streamHeaders(ctx, frame, call);
            }
            return;
        }
        try {
            HeaderBlock.read(frame.payload(), limits, attempt, headerStrings);
        } catch (HeaderBlock.TooLargeException e) {
            pending.remove(frame.streamId());
            ctx.writeAndFlush(Frames.u32(ctx.alloc(), FrameType.RST, frame.streamId(), MicroException.TOO_LARGE));
            fail(attempt, new MicroException("micro.client", MicroException.TOO_LARGE, "answer " + e.getMessage()));
            return;
        }
        if (frame.has(FrameType.FLAG_END_STREAM)) {
            pending.remove(frame.streamId());
            if (attempt.settle()) {
                attempt.call.answered(attempt, null);
            }
            streamEnded();
        }
    }

    private void fail(Attempt attempt, MicroException error) {
        if (attempt.settle()) {
            attempt.call.failed(attempt, error);
        }
        streamEnded();
    }

    private void settings(ByteBuf payload) {
        if (!settingsReceived) {
            client.connected(this);
        }
        peer = peer.read(payload);
        peerMaxFrameSize = peer.maxMessageSize();
        settingsReceived = true;
        for (StreamCall<?> call : awaitingSettings) {
            call.written(peer.streamWindow(), peerMaxFrameSize);
        }
        awaitingSettings.clear();
        admitWaiting();
    }

    private void goAway(Frame frame) {
        if (frame.payload().readableBytes() != 4) {
            throw new CorruptedFrameException("GOAWAY payload is not 4 bytes");
        }
        int last = frame.payload().readInt();
        goingAway = true;
        client.forget(this);
        refuseWaiting(MicroException.unavailable("micro.client", "%s is going away", address));
        List<Attempt> refused = new ArrayList<>();
        for (Attempt a : pending.values()) {
            if (a.streamId > last) {
                refused.add(a);
            }
        }
        for (Attempt a : refused) {
            pending.remove(a.streamId);
            if (a.settle()) {
                a.call.notWritten(a, MicroException.unavailable("micro.client", "%s is going away", address));
            }
        }
        List<StreamCall<?>> unprocessed = new ArrayList<>();
        for (StreamCall<?> c : streams.values()) {
            if (c.streamId() > last) {
                unprocessed.add(c);
            }
        }
        for (StreamCall<?> c : unprocessed) {
            streams.remove(c.streamId());
            c.onLost(address + " is going away and did not process the stream");
        }
        streamEnded();
    }

    /** A stream ended: open waiting ones in its place, or close a connection going away once it is drained. */
    private void streamEnded() {
        if (!waiting.isEmpty()) {
            admitWaiting();
        }
        if (goingAway && pending.isEmpty() && streams.isEmpty()) {
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (keepaliveTask != null) {
            keepaliveTask.cancel(false);
        }
        if (!goingAway) {
            // before the connection is forgotten, so that no call finds neither it nor the backoff
            client.dropped(this);
        }
        client.forget(this);
        goingAway = true;
        refuseWaiting(new ClosedChannelException());
        List<Attempt> open = new ArrayList<>(pending.values());
        pending.clear();
        awaitingSettings.clear();
        List<StreamCall<?>> openStreams = new ArrayList<>(streams.values());
        streams.clear();
        for (StreamCall<?> c : openStreams) {
            c.onLost("connection closed");
        }
        for (Attempt a : open) {
            if (a.settle()) {
                ClosedChannelException cause = new ClosedChannelException();
                if (a.written) {
                    a.call.lost(a, cause);
                } else {
                    a.call.notWritten(a, cause);
                }
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "Closing connection to " + address + ": " + cause);
        ctx.close();
    }
}
