package dev.microcdi.benchmarks;

import com.google.protobuf.BytesValue;
import dev.microcdi.transport.wire.FrameQueue;
import dev.microcdi.transport.wire.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The physical ceiling: a Netty length-prefixed echo with no framing, headers, codec or thread hand-off.
 * Requests and echoes are written through a {@link FrameQueue} with micro-cdi's default flush policy (one flush
 * per batch, and one per {@value FrameQueue#DEFAULT_FLUSH_EVERY} calls of a larger batch); the echo's answers
 * complete the oldest call waiting (every call is the same echo, so which one does not matter
 * for the figures). A frame's first byte is its kind: 0 echo (answered with the same bytes), 1 stream request (u64 count, u32
 * size; answered with that many frames of that size, sent while the socket is writable, then a frame of
 * kind 2).
 */
final class RawSide {
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private RawSide() {
    }

    static AutoCloseable server(int port) {
        NettyTransport transport = NettyTransport.choose(true);
        EventLoopGroup group = transport.newGroup(0, "raw-server");
        Channel server = new ServerBootstrap().group(group).channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4),
                                new LengthFieldPrepender(4), new ServerHandler());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", port)).syncUninterruptibly().channel();
        return () -> {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        };
    }

    private static final class ServerHandler extends ChannelInboundHandlerAdapter {
        private long left;
        private ByteBuf message;
        private FrameQueue echoes;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            echoes = new FrameQueue(ctx.channel(), FrameQueue.DEFAULT_FLUSH_EVERY);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            if (frame.getByte(frame.readerIndex()) == 0) {
                echoes.addCall(frame);
                return;
            }
            left = frame.getLong(frame.readerIndex() + 1);
            int size = frame.getInt(frame.readerIndex() + 9);
            frame.release();
            message = ctx.alloc().buffer(size + 1).writeByte(1).writeBytes(Payloads.message(size).getValue().toByteArray());
            pump(ctx);
        }

        private void pump(ChannelHandlerContext ctx) {
            while (left > 0 && ctx.channel().isWritable()) {
                ctx.write(message.retainedDuplicate());
                left--;
            }
            if (left == 0 && message != null) {
                message.release();
                message = null;
                ctx.write(ctx.alloc().buffer(1).writeByte(2));
            }
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && message != null) {
                pump(ctx);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }

    static Target client(String host, int port) {
        NettyTransport transport = NettyTransport.choose(true);
        EventLoopGroup group = transport.newGroup(1, "raw-client");
        ClientHandler handler = new ClientHandler();
        Channel channel = new Bootstrap().group(group).channel(transport.channel())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4),
                                new LengthFieldPrepender(4), handler);
                    }
                }).connect(host, port).syncUninterruptibly().channel();
        FrameQueue frames = new FrameQueue(channel, FrameQueue.DEFAULT_FLUSH_EVERY);
        return new Target() {
            @Override
            public void unary(BytesValue request, Done done) {
                handler.pending.add(done);
                ByteBuf b = channel.alloc().buffer(request.getSerializedSize() + 1).writeByte(0);
                b.writeBytes(request.toByteArray());
                frames.addCall(b);
            }

            @Override
            public void unaryBlocking(BytesValue request) throws Exception {
                CompletableFuture<Void> f = new CompletableFuture<>();
                unary(request, t -> f.complete(null));
                f.get();
            }

            @Override
            public long stream(long count, int size) throws Exception {
                CompletableFuture<Long> f = new CompletableFuture<>();
                channel.eventLoop().execute(() -> {
                    handler.stream = f;
                    handler.received = 0;
                    channel.writeAndFlush(channel.alloc().buffer(13).writeByte(1).writeLong(count).writeInt(size),
                            channel.voidPromise());
                });
                return f.get(10, TimeUnit.MINUTES);
            }

            @Override
            public void close() {
                channel.close().syncUninterruptibly();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            }
        };
    }

    private static final class ClientHandler extends ChannelInboundHandlerAdapter {
        final ConcurrentLinkedQueue<Target.Done> pending = new ConcurrentLinkedQueue<>();
        CompletableFuture<Long> stream;
        long received;

        @Override
        public boolean isSharable() {
            return true;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            byte kind = frame.getByte(frame.readerIndex());
            frame.release();
            if (kind == 0) {
                pending.poll().done(null);
            } else if (kind == 1) {
                received++;
            } else {
                stream.complete(received);
            }
        }
    }
}
