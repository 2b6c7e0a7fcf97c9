package dev.microcdi.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.BytesValue;
import com.google.protobuf.ByteString;
import dev.microcdi.api.MicroException;
import dev.microcdi.tck.transport.TestStreams.Collector;
import dev.microcdi.transport.codec.ProtobufCodec;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** How the receive window of a stream grows: only for a reader that keeps up, and within its bytes. */
class InboundMessagesWindowTest {
    private static final int FIRST = 64;
    private static final int MAX = 1024;

    /** A sender that sends whenever it has credit, as the wire's rules allow. */
    private static final class Sender implements InboundMessages.Peer {
        final List<Integer> grants = new CopyOnWriteArrayList<>();
        final AtomicReference<MicroException> violation = new AtomicReference<>();
        long credit = FIRST;
        long mostCredit = FIRST;

        @Override
        public void grant(int n) {
            grants.add(n);
            credit += n;
            mostCredit = Math.max(mostCredit, credit);
        }

        @Override
        public void cancel() {
        }

        @Override
        public void violated(MicroException error) {
            violation.set(error);
        }

        /** Sends {@code count} messages of {@code size} payload bytes, each while it has credit. */
        void send(InboundMessages<BytesValue> in, int count, int size) {
            byte[] encoded = BytesValue.of(ByteString.copyFrom(new byte[size])).toByteArray();
            for (int i = 0; i < count; i++) {
                assertThat(credit).as("credit before message %d", i).isPositive();
                credit--;
                in.offer(Unpooled.wrappedBuffer(encoded));
            }
        }
    }

    private static InboundMessages<BytesValue> receiver(Sender sender, long windowBytes) {
        WireLimits limits = new WireLimits(WireLimits.DEFAULT_MAX_FRAME_SIZE, 64, 16384, 100, FIRST, MAX, windowBytes);
        return new InboundMessages<>(Runnable::run, BytesValue.class, limits, new ProtobufCodec(), sender);
    }

    @Test
    void theWindowOfAReaderThatKeepsUpDoublesToItsLargest() {
        Sender sender = new Sender();
        InboundMessages<BytesValue> in = receiver(sender, WireLimits.DEFAULT_STREAM_WINDOW_BYTES);
        Collector<BytesValue> reader = new Collector<>(Long.MAX_VALUE, false);
        in.subscribe(reader);
        sender.send(in, 20_000, 16);
        assertThat(reader.received).hasValue(20_000);
        assertThat(sender.violation.get()).isNull();
        assertThat(sender.mostCredit).isEqualTo(MAX);
        assertThat(sender.grants.get(0)).as("the first grant doubles the window").isEqualTo(FIRST / 2 + FIRST);
    }

    @Test
    void theWindowGrowsNoFurtherThanItsBytesAllowAtTheLargestMessage() {
        // messages of 1024 and 2048 payload bytes encode to 1027 and 2051: 128 of the first fit 256 KiB, 256 do
        // not; 128 of the second do not
        Sender kib = new Sender();
        InboundMessages<BytesValue> in = receiver(kib, 256 * 1024);
        in.subscribe(new Collector<>(Long.MAX_VALUE, false));
        kib.send(in, 5_000, 1024);
        assertThat(kib.mostCredit).isEqualTo(2 * FIRST);
        assertThat(kib.violation.get()).isNull();
        Sender twoKib = new Sender();
        InboundMessages<BytesValue> other = receiver(twoKib, 256 * 1024);
        other.subscribe(new Collector<>(Long.MAX_VALUE, false));
        twoKib.send(other, 5_000, 2048);
        assertThat(twoKib.mostCredit).isEqualTo(FIRST);
        assertThat(twoKib.violation.get()).isNull();
    }

    @Test
    void aSlowReaderNeverGrowsTheWindow() {
        Sender sender = new Sender();
        InboundMessages<BytesValue> in = receiver(sender, WireLimits.DEFAULT_STREAM_WINDOW_BYTES);
        Collector<BytesValue> reader = new Collector<>(0, false);
        in.subscribe(reader);
        for (int round = 0; round < 20; round++) {
            sender.send(in, (int) sender.credit, 16);
            reader.request(FIRST / 2);
        }
        assertThat(sender.grants).isNotEmpty().allSatisfy(g -> assertThat(g).isEqualTo(FIRST / 2));
        assertThat(sender.mostCredit).isEqualTo(FIRST);
    }

    @Test
    void theLimitOnBufferedMessagesFollowsTheGrownWindow() {
        Sender sender = new Sender();
        InboundMessages<BytesValue> in = receiver(sender, WireLimits.DEFAULT_STREAM_WINDOW_BYTES);
        in.subscribe(new Collector<>(FIRST, false));
        sender.send(in, FIRST, 16);
        assertThat(sender.mostCredit).as("grown to twice the first window").isEqualTo(2 * FIRST);
        // the reader takes no more: a sender that ignores its credit may fill the grown window, and no more
        sender.credit = Long.MAX_VALUE;
        sender.send(in, 2 * FIRST, 16);
        assertThat(sender.violation.get()).isNull();
        sender.send(in, 1, 16);
        assertThat(sender.violation.get()).isNotNull()
                .satisfies(e -> assertThat(e.code()).isEqualTo(MicroException.BAD_REQUEST));
    }
}
