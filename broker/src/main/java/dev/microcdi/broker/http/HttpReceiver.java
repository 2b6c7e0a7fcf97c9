package dev.microcdi.broker.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The HTTP side of the broker's listener: accepts {@code POST /?id=<node id>} with a JSON message and answers
 * once the handler has run (200), or at once with 400 (bad JSON), 404 (unknown subscriber), 405 (not POST),
 * 413 (too large, from the aggregator) or 503 (no worker free). Keep-alive connections are kept.
 */
final class HttpReceiver extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Receives one message for a subscriber. */
    @FunctionalInterface
    interface Inbox {
        /**
         * Takes a message.
         *
         * @param subscriberId the {@code id} query parameter, or null
         * @param body the request body
         * @param answer called with the status once the message is handled
         * @return a status to answer at once, or 0 when {@code answer} will be called
         */
        int receive(String subscriberId, byte[] body, IntConsumer answer);
    }

    private final Inbox inbox;

    private HttpReceiver(Inbox inbox) {
        this.inbox = inbox;
    }

    static void install(ChannelPipeline pipeline, int maxBody, Inbox inbox) {
        // Base64 makes the body 4/3 longer; the headers and the JSON around it take the rest.
        int maxRequest = maxBody / 3 * 4 + 64 * 1024;
        pipeline.addLast("http", new HttpServerCodec()).addLast("aggregate", new HttpObjectAggregator(maxRequest))
                .addLast("broker", new HttpReceiver(inbox));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!HttpMethod.POST.equals(request.method())) {
            answer(ctx, 405, keepAlive);
            return;
        }
        List<String> ids = new QueryStringDecoder(request.uri()).parameters().get("id");
        String id = ids == null || ids.isEmpty() ? null : ids.get(0);
        byte[] body = ByteBufUtil.getBytes(request.content());
        int status = inbox.receive(id, body, s -> answer(ctx, s, keepAlive));
        if (status != 0) {
            answer(ctx, status, keepAlive);
        }
    }

    private static void answer(ChannelHandlerContext ctx, int status, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(status));
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
