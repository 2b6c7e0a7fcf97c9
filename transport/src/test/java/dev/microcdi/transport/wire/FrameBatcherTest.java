package dev.microcdi.transport.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBatcherTest {
    private final FrameBatcher batcher = new FrameBatcher();
    private final List<Integer> written = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            written.add(((ByteBuf) msg).readableBytes());
            ctx.write(msg, promise);
        }
    }, batcher);

    private ChannelPromise append(String frames) {
        byte[] bytes = frames.getBytes(StandardCharsets.US_ASCII);
        batcher.buffer(bytes.length).writeBytes(bytes);
        ChannelPromise promise = channel.newPromise();
        batcher.appended(promise);
        return promise;
    }

    private String nextOutbound() {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    @Test
    void callsAppendedBetweenFlushesLeaveAsOneBufferBeforeAnythingWrittenAfterThem() {
        ChannelPromise first = append("one;");
        ChannelPromise second = append("two;");
        channel.write(Unpooled.copiedBuffer("other;", StandardCharsets.US_ASCII));
        append("three;");
        assertThat(first.isDone()).isFalse();
        channel.flush();
        assertThat(nextOutbound()).isEqualTo("one;two;");
        assertThat(nextOutbound()).isEqualTo("other;");
        assertThat(nextOutbound()).isEqualTo("three;");
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(first.isSuccess()).isTrue();
        assertThat(second.isSuccess()).isTrue();
    }

    @Test
    void listenersAppendedWithoutAPromiseAreToldTheOutcomeEvenAfterOneThatThrowsAnError() {
        List<String> told = new ArrayList<>();
        batcher.buffer(4).writeInt(1);
        batcher.appended((ChannelFutureListener) f -> {
            told.add("first " + f.isSuccess());
            throw new AssertionError("a listener that fails");
        });
        batcher.buffer(4).writeInt(2);
        batcher.appended((ChannelFutureListener) f -> told.add("second " + f.isSuccess()));
        ChannelPromise third = append("three;");
        channel.flush();
        assertThat(told).containsExactly("first true", "second true");
        assertThat(third.isSuccess()).isTrue();
        ChannelFutureListener alone = f -> told.add("alone " + f.isSuccess());
        batcher.buffer(4).writeInt(4);
        batcher.appended(alone);
        channel.flush();
        assertThat(told).endsWith("alone true");
        batcher.buffer(4).writeInt(5);
        batcher.appended((ChannelFutureListener) f -> told.add("dropped " + (f.cause() instanceof ClosedChannelException)));
        channel.pipeline().remove(batcher);
        assertThat(told).endsWith("dropped true");
        channel.finishAndReleaseAll();
    }

    @Test
    void aFullBatchIsWrittenWithoutWaitingForTheFlush() {
        String big = "x".repeat(FrameBatcher.BATCH_BYTES);
        append(big);
        ChannelPromise after = append("y");
        assertThat(written).containsExactly(big.length());
        channel.flush();
        assertThat(nextOutbound()).isEqualTo(big);
        assertThat(nextOutbound()).isEqualTo("y");
        assertThat(after.isSuccess()).isTrue();
    }

    @Test
    void aBatchWriteThatFailsFailsEveryCallInIt() {
        EmbeddedChannel broken = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IOException("broken pipe"));
            }
        }, new FrameBatcher());
        FrameBatcher batcher = broken.pipeline().get(FrameBatcher.class);
        List<ChannelPromise> promises = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batcher.buffer(4).writeInt(i);
            ChannelPromise p = broken.newPromise();
            promises.add(p);
            batcher.appended(p);
        }
        batcher.buffer(4).writeInt(3);
        batcher.appended(broken.voidPromise());
        broken.flush();
        assertThat(promises).allSatisfy(p -> assertThat(p.cause()).hasMessage("broken pipe"));
        broken.finishAndReleaseAll();
    }

    @Test
    void closingWritesAndFlushesTheBatchFirst() {
        ChannelPromise last = append("last;");
        channel.close();
        assertThat(nextOutbound()).isEqualTo("last;");
        assertThat(last.isSuccess()).isTrue();
    }

    @Test
    void removingTheHandlerWithABatchNotWrittenReleasesItAndFailsItsCalls() {
        ChannelPromise pending = append("lost;");
        ByteBuf batch = batcher.buffer(0);
        channel.pipeline().remove(batcher);
        assertThat(batch.refCnt()).isZero();
        assertThat(pending.cause()).isInstanceOf(ClosedChannelException.class);
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
