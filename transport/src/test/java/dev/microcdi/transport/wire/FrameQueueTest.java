package dev.microcdi.transport.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
    private final EventLoopGroup group = new DefaultEventLoopGroup(1);
    private final Flushes flushes = new Flushes();
    private Channel channel;

    /** Counts how many messages each flush carried. */
    private static final class Flushes extends ChannelOutboundHandlerAdapter {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();
        private int written;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written++;
            ctx.write(msg, promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            sizes.add(written);
            written = 0;
            ctx.flush();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        LocalAddress address = new LocalAddress("frame-queue-" + UUID.randomUUID());
        new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                    }
                }).bind(address).sync();
        channel = new Bootstrap().group(group).channel(LocalChannel.class).handler(flushes).connect(address).sync()
                .channel();
    }

    @AfterEach
    void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Adds ten messages in one task of the event loop; returns the flushes made within that task. */
    private List<Integer> tenInOneBatch(BiConsumer<FrameQueue, Integer> add) throws Exception {
        FrameQueue queue = new FrameQueue(channel, 4);
        return channel.eventLoop().submit(() -> {
            for (int i = 0; i < 10; i++) {
                add.accept(queue, i);
            }
            return List.copyOf(flushes.sizes);
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void callsWrittenOnTheEventLoopAreFlushedEveryFlushEveryAndTheRestAtTheEndOfTheBatch() throws Exception {
        assertThat(tenInOneBatch((q, i) -> q.addCall(Unpooled.buffer(4).writeInt(i)))).containsExactly(4, 4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(flushes.sizes).containsExactly(4, 4, 2));
    }

    @Test
    void streamMessagesWaitForTheEndOfTheBatch() throws Exception {
        assertThat(tenInOneBatch((q, i) -> q.add(Unpooled.buffer(4).writeInt(i)))).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(flushes.sizes).containsExactly(10));
    }

    @Test
    void creditIsFlushedAtOnceWithWhatWasWrittenBeforeIt() throws Exception {
        assertThat(tenInOneBatch((q, i) -> {
            if (i == 2 || i == 6) {
                q.addUrgent(Unpooled.buffer(4).writeInt(i));
            } else {
                q.add(Unpooled.buffer(4).writeInt(i));
            }
        })).containsExactly(3, 4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(flushes.sizes).containsExactly(3, 4, 3));
    }

    @Test
    void creditAddedOffTheEventLoopGoesOutWithTheNextDrain() throws Exception {
        FrameQueue queue = new FrameQueue(channel, 4);
        queue.addUrgent(Unpooled.buffer(4).writeInt(1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(flushes.sizes).containsExactly(1));
    }

    @Test
    void aCallIsWrittenNowOnlyOnTheEventLoopWithNothingQueuedBeforeIt() throws Exception {
        FrameQueue queue = new FrameQueue(channel, 4);
        BiConsumer<ByteBuf, Object> writer = (frame, unused) -> channel.write(frame, channel.voidPromise());
        ByteBuf offLoop = Unpooled.buffer(4).writeInt(0);
        assertThat(queue.tryWriteCall(offLoop, null, writer)).isFalse();
        offLoop.release();
        CountDownLatch queued = new CountDownLatch(1);
        Future<Boolean> behindQueued = channel.eventLoop().submit(() -> {
            queued.await(5, TimeUnit.SECONDS);
            ByteBuf behind = Unpooled.buffer(4).writeInt(2);
            boolean written = queue.tryWriteCall(behind, null, writer);
            if (!written) {
                behind.release();
            }
            return written;
        });
        queue.add(Unpooled.buffer(4).writeInt(1));
        queued.countDown();
        assertThat(behindQueued.get(5, TimeUnit.SECONDS)).isFalse();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(flushes.sizes).containsExactly(1));
        assertThat(channel.eventLoop().submit(() -> queue.tryWriteCall(Unpooled.buffer(4).writeInt(3), null, writer))
                .get(5, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(flushes.sizes).containsExactly(1, 1));
    }

    @Test
    void callsWrittenByTheirWriterAreFlushedLikeAddedOnes() throws Exception {
        BiConsumer<Integer, Object> writer = (i, unused) -> channel.write(Unpooled.buffer(4).writeInt(i),
                channel.voidPromise());
        assertThat(tenInOneBatch((q, i) -> assertThat(q.tryWriteCall(i, null, writer)).isTrue()))
                .containsExactly(4, 4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(flushes.sizes).containsExactly(4, 4, 2));
    }

    @Test
    void refusesAFlushEveryBelowOne() {
        assertThatThrownBy(() -> new FrameQueue(channel, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
