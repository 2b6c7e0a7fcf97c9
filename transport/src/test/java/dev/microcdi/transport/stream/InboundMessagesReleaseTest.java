package dev.microcdi.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.BytesValue;
import com.google.protobuf.ByteString;
import dev.microcdi.api.MicroException;
import dev.microcdi.tck.transport.TestStreams.Collector;
import dev.microcdi.transport.codec.ProtobufCodec;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The messages a receiver holds are released however its stream ends, also when nobody ever subscribed. */
class InboundMessagesReleaseTest {
    private static final MicroException OVER = MicroException.badRequest("micro.server", "the call is over");

    /** Ends the stream as the server does when the sender breaks flow control. */
    private static final class Peer implements InboundMessages.Peer {
        InboundMessages<BytesValue> in;

        @Override
        public void grant(int credit) {
            // credit goes nowhere: no sender
        }

        @Override
        public void cancel() {
            // no sender to stop
        }

        @Override
        public void violated(MicroException error) {
            in.abort(error);
        }
    }

    private static InboundMessages<BytesValue> receiver(Peer peer) {
        WireLimits limits = new WireLimits(WireLimits.DEFAULT_MAX_FRAME_SIZE, 64, 16384, 100, 4, 4,
                WireLimits.DEFAULT_STREAM_WINDOW_BYTES);
        InboundMessages<BytesValue> in = new InboundMessages<>(Runnable::run, BytesValue.class, limits,
                new ProtobufCodec(), peer);
        peer.in = in;
        return in;
    }

    /** Offers {@code count} messages, returning them to check their reference counts. */
    private static List<ByteBuf> offer(InboundMessages<BytesValue> in, int count) {
        List<ByteBuf> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuf message = Unpooled.copiedBuffer(BytesValue.of(ByteString.copyFrom(new byte[8])).toByteArray());
            sent.add(message);
            in.offer(message);
        }
        return sent;
    }

    @Test
    void anAbortBeforeAnySubscriberReleasesTheQueuedMessages() {
        // a handler that never subscribes to its request stream: the call ends and nobody reads the messages
        InboundMessages<BytesValue> in = receiver(new Peer());
        List<ByteBuf> sent = offer(in, 3);
        in.complete();
        in.abort(OVER);
        assertThat(sent).allSatisfy(m -> assertThat(m.refCnt()).isZero());
    }

    @Test
    void aFlowViolationBeforeAnySubscriberReleasesEveryMessage() {
        InboundMessages<BytesValue> in = receiver(new Peer());
        List<ByteBuf> sent = offer(in, 5);
        assertThat(sent).allSatisfy(m -> assertThat(m.refCnt()).isZero());
    }

    @Test
    void aSubscriberAfterTheAbortGetsTheError() {
        InboundMessages<BytesValue> in = receiver(new Peer());
        List<ByteBuf> sent = offer(in, 2);
        in.abort(OVER);
        Collector<BytesValue> reader = new Collector<>(Long.MAX_VALUE, false);
        in.subscribe(reader);
        assertThat(reader.received).hasValue(0);
        assertThat(reader.done).isCompletedExceptionally();
        assertThat(reader.done.handle((v, t) -> t).join()).isSameAs(OVER);
        assertThat(sent).allSatisfy(m -> assertThat(m.refCnt()).isZero());
    }
}
