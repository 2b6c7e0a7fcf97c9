package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.transport.wire.FrameDecoder;
import dev.microcdi.transport.wire.Frames;
import dev.microcdi.transport.wire.Preface;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The first handler of every accepted connection: tells the protocol by the first bytes. The binary wire's
 * preface switches the pipeline to frames. An HTTP request line goes to the HTTP handlers installed on the
 * server (the HTTP broker's), or, without any, gets an HTTP 501 error naming the wire this server speaks
 * (Go Micro's HTTP RPC wire is not served). Anything else, or silence past the handshake timeout, closes the
 * connection.
 */
final class ProtocolDetector extends ByteToMessageDecoder {
    private static final System.Logger LOG = System.getLogger(ProtocolDetector.class.getName());
    private static final int LONGEST_HTTP_METHOD = 7;

    private final CallDispatcher dispatcher;
    private final WireLimits limits;
    private final int flushEvery;
    private final Duration handshakeTimeout;
    private final Consumer<ChannelPipeline> http;
    private ScheduledFuture<?> timer;

    ProtocolDetector(CallDispatcher dispatcher, WireLimits limits, int flushEvery, Duration handshakeTimeout,
            Consumer<ChannelPipeline> http) {
        this.dispatcher = dispatcher;
        this.limits = limits;
        this.flushEvery = flushEvery;
        this.handshakeTimeout = handshakeTimeout;
        this.http = http;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        timer = ctx.executor().schedule(() -> {
            LOG.log(Level.DEBUG, () -> "No preface from " + ctx.channel().remoteAddress() + " in " + handshakeTimeout);
            ctx.close();
        }, handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        super.channelActive(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (Preface.matchesSoFar(in)) {
            if (in.readableBytes() < Preface.length()) {
                return;
            }
            in.skipBytes(Preface.length());
            timer.cancel(false);
            ctx.pipeline().addAfter(ctx.name(), "mcdi-frames", new FrameDecoder(limits.maxFrameSize()))
                    .addAfter("mcdi-frames", "mcdi-connection", new ServerConnection(dispatcher, limits, flushEvery));
            ctx.writeAndFlush(Frames.settings(ctx.alloc(), limits));
            ctx.pipeline().remove(this);
            return;
        }
        int method = httpMethodLength(in);
        if (method == 0 && in.readableBytes() <= LONGEST_HTTP_METHOD) {
            return;
        }
        timer.cancel(false);
        if (method > 0 && http != null) {
            // Removing this decoder hands the bytes received so far, the request line included, to them.
            http.accept(ctx.pipeline());
            ctx.pipeline().remove(this);
            return;
        }
        in.skipBytes(in.readableBytes());
        if (method > 0) {
            MicroException error = new MicroException(CallDispatcher.SERVER_ID, MicroException.NOT_IMPLEMENTED,
                    "this server speaks the micro-cdi binary wire (mcdi/1) only");
            String json = error.toJson();
            String response = "HTTP/1.1 501 Not Implemented\r\nMicro-Error: " + json
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            ctx.writeAndFlush(ByteBufUtil.writeAscii(ctx.alloc(), response)).addListener(ChannelFutureListener.CLOSE);
        } else {
            LOG.log(Level.DEBUG, () -> "Closing connection from " + ctx.channel().remoteAddress()
                    + ": not a known protocol");
            ctx.close();
        }
    }

    /**
     * The length of an HTTP method followed by a space at the start: 0 while only capital letters arrived,
     * -1 when the bytes cannot start an HTTP request.
     */
    private static int httpMethodLength(ByteBuf in) {
        int n = Math.min(in.readableBytes(), LONGEST_HTTP_METHOD + 1);
        for (int i = 0; i < n; i++) {
            byte b = in.getByte(in.readerIndex() + i);
            if (b == ' ') {
                return i;
            }
            if (b < 'A' || b > 'Z') {
                return -1;
            }
        }
        return n > LONGEST_HTTP_METHOD ? -1 : 0;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
