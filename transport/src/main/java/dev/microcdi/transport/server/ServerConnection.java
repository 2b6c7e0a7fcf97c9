package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.transport.codec.ProtobufCodec;
import dev.microcdi.transport.wire.Frame;
import dev.microcdi.transport.wire.FrameBatcher;
import dev.microcdi.transport.wire.FrameQueue;
import dev.microcdi.transport.wire.FrameType;
import dev.microcdi.transport.wire.Frames;
import dev.microcdi.transport.wire.HeaderBlock;
import dev.microcdi.transport.wire.HeaderBytes;
import dev.microcdi.transport.wire.HeaderStrings;
import dev.microcdi.transport.wire.OversizeFrame;
import dev.microcdi.transport.wire.PeerSettings;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The server side of one connection of the binary wire, after the preface. Its state lives on the
 * connection's event loop; workers hand answers back through {@link #answer}. Garbage (a malformed frame or
 * a stream id out of order) closes the connection; a broken stream gets an error answer and the connection
 * stays usable.
 */
final class ServerConnection extends ChannelDuplexHandler {
    private static final System.Logger LOG = System.getLogger(ServerConnection.class.getName());

    /** Written to a connection to make it announce GOAWAY. */
    static final Object GOAWAY = new Object();

    private final CallDispatcher dispatcher;
    private final WireLimits limits;
    private final IntObjectHashMap<InboundCall> streams = new IntObjectHashMap<>();
    private final HeaderStrings headerStrings = new HeaderStrings();
    private final HeaderBytes headerBytes = new HeaderBytes();
    private final FrameBatcher batcher = new FrameBatcher();
    private volatile FrameQueue frames;
    private final int flushEvery;
    private Channel channel;
    private int lastStreamId;
    private volatile PeerSettings peer = PeerSettings.DEFAULT;
    private final BiConsumer<InboundCall, Object> writeResultNow = this::writeResultNow;
    private ChannelHandlerContext ctx;
    /** The last endpoint a call on this connection went to; calls in a row mostly go to the same. Event loop only. */
    private Route lastRoute;
    /**
     * When the frames being handled were read, taken at the first call of a read and shared by all of its calls:
     * one clock read per read rather than per call. It is earlier than each call's own arrival by at most the time
     * the read takes to handle, so deadlines counted from it end no later than the caller's. Event loop only.
     */
    private long readAt;
    /** Whether {@link #readAt} belongs to the read being handled; cleared when the read is complete. */
    private boolean readStamped;

    /**
     * Where calls to a service's endpoint in a content type go. Services are never taken back from the
     * dispatcher, so a route once found stays right for the connection's life.
     */
    record Route(String service, String endpoint, String contentType, EndpointDefinition definition,
            boolean onEventLoop, Codec codec) {
    }

    ServerConnection(CallDispatcher dispatcher, WireLimits limits, int flushEvery) {
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.flushEvery = flushEvery;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        channel = ctx.channel();
        frames = new FrameQueue(channel, flushEvery);
        ctx.pipeline().addBefore(ctx.name(), "mcdi-batch", batcher);
    }

    ByteBufAllocator alloc() {
        return channel.alloc();
    }

    /** The bytes of the header strings this connection writes, shared by every thread answering its calls. */
    HeaderBytes headerBytes() {
        return headerBytes;
    }

    /** Whether the calling thread is this connection's event loop. */
    boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return channel.eventLoop().schedule(task, delay, unit);
    }

    /** Hands the answer frames of a call to the event loop. */
    void answer(InboundCall call, ByteBuf frames) {
        this.frames.addCall(new Answer(call, frames));
    }

    private record Answer(InboundCall call, ByteBuf frames) {
    }

    /**
     * Encodes the result of a call into the batch of answers being gathered, when called on the event loop with
     * nothing queued before it.
     *
     * @return false, having done nothing, when the caller must encode and {@link #answer} it itself
     */
    boolean answerNow(InboundCall call, Object value) {
        return this.frames.tryWriteCall(call, value, writeResultNow);
    }

    /**
     * Writes a result into the batch, as a write of the pipeline would, with nobody to tell the outcome. What it
     * throws (an Error: {@link #writeResult} answers exceptions itself) closes the connection, as the pipeline does
     * with what a handler's write throws, so that the caller learns its call was lost and the call still ends here.
     */
    private void writeResultNow(InboundCall call, Object value) {
        ChannelPromise none = ctx.voidPromise();
        try {
            if (closeForAnswer(call, none)) {
                writeResult(ctx, call, value, none);
            }
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "Cannot write the answer of stream " + call.streamId + "; closing the connection", e);
            exceptionCaught(ctx, e);
        }
    }

    /** Writes a frame of a response stream from any thread, through the connection's {@link FrameQueue}. */
    void message(ByteBuf frame) {
        frames.add(frame);
    }

    /** Grants the caller credit for more request messages on a stream. */
    void windowUpdate(int streamId, int credit) {
        frames.addUrgent(Frames.u32(channel.alloc(), FrameType.WINDOW_UPDATE, streamId, credit));
    }

    PeerSettings peer() {
        return peer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame frame) {
            try {
                read(ctx, frame);
            } finally {
                frame.payload().release();
            }
        } else if (msg instanceof OversizeFrame oversize) {
            oversize(ctx, oversize);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        readStamped = false;
        ctx.fireChannelReadComplete();
    }

    private long readAt() {
        if (!readStamped) {
            readAt = System.nanoTime();
            readStamped = true;
        }
        return readAt;
    }

    private void read(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.type()) {
            case FrameType.HEADERS -> headers(ctx, frame);
            case FrameType.DATA -> data(ctx, frame);
            case FrameType.RST -> {
                InboundCall call = streams.remove(frame.streamId());
                if (call != null) {
                    call.cancel();
                }
            }
            case FrameType.PING -> {
                if (frame.payload().readableBytes() != 8) {
                    throw new CorruptedFrameException("PING payload is not 8 bytes");
                }
                if (!frame.has(FrameType.FLAG_ACK)) {
                    ctx.writeAndFlush(Frames.pingAck(ctx.alloc(), frame));
                }
            }
            case FrameType.SETTINGS -> peer = peer.read(frame.payload());
            case FrameType.WINDOW_UPDATE -> {
                if (frame.payload().readableBytes() != 4) {
                    throw new CorruptedFrameException("WINDOW_UPDATE payload is not 4 bytes");
                }
                int credit = frame.payload().readInt();
                InboundCall call = frame.streamId() == 0 ? null : streams.get(frame.streamId());
                if (call != null && credit > 0) {
                    call.responseCredit(credit);
                }
            }
            case FrameType.GOAWAY -> {
                // a client's GOAWAY only says that it opens no more streams here
                if (frame.payload().readableBytes() != 4) {
                    throw new CorruptedFrameException("GOAWAY payload is not 4 bytes");
                }
            }
            default -> throw new CorruptedFrameException("unexpected frame type " + frame.type());
        }
    }

    private void openStream(int streamId) {
        if ((streamId & 1) == 0 || streamId <= lastStreamId) {
            throw new CorruptedFrameException("stream id " + streamId + " is not odd and increasing");
        }
        lastStreamId = streamId;
    }

    /**
     * The route of a call: the previous call's when it names the same endpoint, else looked up in the dispatcher.
     * On the event loop.
     *
     * @param contentType the request's content type; Go Micro's server assumes protobuf when the caller names none
     * @throws MicroException 404 for an unknown service or endpoint, 415 for a content type no codec reads
     */
    Route route(String service, String endpoint, String contentType) {
        Route last = lastRoute;
        if (last != null && Objects.equals(last.service(), service) && Objects.equals(last.endpoint(), endpoint)
                && Objects.equals(last.contentType(), contentType)) {
            return last;
        }
        EndpointDefinition definition = dispatcher.route(service, endpoint);
        Codec codec = dispatcher.codec(contentType == null ? ProtobufCodec.CONTENT_TYPE : contentType);
        Route route = new Route(service, endpoint, contentType, definition, dispatcher.onEventLoop(definition), codec);
        lastRoute = route;
        return route;
    }

    private void headers(ChannelHandlerContext ctx, Frame frame) {
        int id = frame.streamId();
        InboundCall open = streams.get(id);
        if (open != null || (id <= lastStreamId && (id & 1) == 1)) {
            // trailing HEADERS of a request stream: the caller's half is complete
            if (open != null && frame.has(FrameType.FLAG_END_STREAM)) {
                open.requestsEnded();
            }
            return;
        }
        openStream(id);
        InboundCall call = new InboundCall(this, dispatcher, id, readAt());
        try {
            HeaderBlock.read(frame.payload(), limits, call, headerStrings);
        } catch (HeaderBlock.TooLargeException e) {
            refuse(ctx, id, new MicroException(CallDispatcher.SERVER_ID, MicroException.TOO_LARGE, e.getMessage()),
                    false, null);
            return;
        }
        try {
            call.resolve();
        } catch (MicroException e) {
            refuse(ctx, id, e, false, call.callId());
            return;
        }
        if (dispatcher.draining()) {
            refuse(ctx, id, MicroException.unavailable(CallDispatcher.SERVER_ID, "server is shutting down"), true,
                    call.callId());
            return;
        }
        if (streams.size() >= limits.maxConcurrentStreams()) {
            refuse(ctx, id, MicroException.unavailable(CallDispatcher.SERVER_ID,
                    "more than %d calls in flight on this connection", limits.maxConcurrentStreams()), true,
                    call.callId());
            return;
        }
        streams.put(id, call);
        if (call.kind().streamsRequests()) {
            call.openRequests(limits);
            if (frame.has(FrameType.FLAG_END_STREAM)) {
                call.requestsEnded();
            }
            dispatch(ctx, call, Unpooled.EMPTY_BUFFER);
        } else if (frame.has(FrameType.FLAG_END_STREAM)) {
            dispatch(ctx, call, Unpooled.EMPTY_BUFFER);
        }
    }

    private void data(ChannelHandlerContext ctx, Frame frame) {
        int id = frame.streamId();
        InboundCall call = streams.get(id);
        if (call != null && call.kind().streamsRequests()) {
            call.requestMessage(frame.payload().retain(), frame.has(FrameType.FLAG_END_STREAM));
            return;
        }
        if (call == null || call.dispatched()) {
            if (id > lastStreamId) {
                throw new CorruptedFrameException("DATA on stream " + id + " that was never opened");
            }
            return;
        }
        if (!frame.has(FrameType.FLAG_END_STREAM)) {
            streams.remove(id);
            refuse(ctx, id, MicroException.badRequest(CallDispatcher.SERVER_ID,
                    "%s.%s takes one request message", call.service(), call.endpoint()), false, call.callId());
            return;
        }
        dispatch(ctx, call, frame.payload().retain());
    }

    private void dispatch(ChannelHandlerContext ctx, InboundCall call, ByteBuf body) {
        String refused = call.dispatch(body);
        if (refused != null) {
            streams.remove(call.streamId);
            refuse(ctx, call.streamId, MicroException.unavailable(CallDispatcher.SERVER_ID, refused), true,
                    call.callId());
        }
    }

    private void oversize(ChannelHandlerContext ctx, OversizeFrame frame) {
        int id = frame.streamId();
        if (frame.type() == FrameType.HEADERS) {
            openStream(id);
        } else {
            InboundCall call = streams.get(id);
            if (call != null && call.kind().streamsRequests()) {
                call.abort(new MicroException(CallDispatcher.SERVER_ID, MicroException.TOO_LARGE, "message of "
                        + frame.length() + " bytes exceeds the limit of " + limits.maxFrameSize()));
                return;
            }
            if (call == null || call.dispatched()) {
                if (id > lastStreamId) {
                    throw new CorruptedFrameException("DATA on stream " + id + " that was never opened");
                }
                return;
            }
            streams.remove(id);
        }
        refuse(ctx, id, new MicroException(CallDispatcher.SERVER_ID, MicroException.TOO_LARGE,
                "message of " + frame.length() + " bytes exceeds the limit of " + limits.maxFrameSize()), false, null);
    }

    private static void refuse(ChannelHandlerContext ctx, int streamId, MicroException error, boolean notProcessed,
            String callId) {
        ctx.writeAndFlush(Answers.error(ctx.alloc(), streamId, error, notProcessed, callId), ctx.voidPromise());
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Answer answer) {
            if (closeForAnswer(answer.call(), promise)) {
                ctx.write(answer.frames(), promise);
            } else {
                answer.frames().release();
            }
        } else if (msg == GOAWAY) {
            ctx.write(Frames.u32(ctx.alloc(), FrameType.GOAWAY, 0, lastStreamId), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    /**
     * Takes a call's stream out of the open ones as its answer is written; false, with the write's promise done,
     * when the caller reset it meanwhile and no answer goes out.
     */
    private boolean closeForAnswer(InboundCall call, ChannelPromise promise) {
        if (call.reset() || streams.get(call.streamId) != call) {
            promise.trySuccess();
            return false;
        }
        streams.remove(call.streamId);
        return true;
    }

    /**
     * Encodes a result into the batch; a value the codec cannot size or encode is answered with its error. An
     * encoder that fails part way leaves nothing of it in the batch.
     */
    private void writeResult(ChannelHandlerContext ctx, InboundCall call, Object value, ChannelPromise promise) {
        ByteBuf out = null;
        int mark = 0;
        try {
            out = batcher.buffer(Answers.resultCapacity(call.resultSize(value)));
            mark = out.writerIndex();
            call.writeResult(out, value);
        } catch (RuntimeException | Error e) {
            if (out != null) {
                out.writerIndex(mark);
            }
            if (e instanceof Error error) {
                throw error;
            }
            MicroException failure = e instanceof MicroException me ? me
                    : MicroException.internal("micro.codec", "cannot encode the result: %s", e.getMessage());
            LOG.log(Level.WARNING, () -> "Cannot encode the result of stream " + call.streamId, e);
            ctx.write(Answers.error(ctx.alloc(), call.streamId, failure, false, call.callId()), promise);
            return;
        }
        batcher.appended(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (InboundCall call : streams.values()) {
            call.cancel();
        }
        streams.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.DEBUG, () -> "Closing connection from " + ctx.channel().remoteAddress() + ": " + cause);
        ctx.close();
    }
}
