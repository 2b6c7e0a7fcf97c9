package dev.microcdi.transport.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.CorruptedFrameException;
import org.junit.jupiter.api.Test;

class PeerSettingsTest {

    private static ByteBuf pairs(long... idsAndValues) {
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < idsAndValues.length; i += 2) {
            b.writeShort((int) idsAndValues[i]).writeInt((int) idsAndValues[i + 1]);
        }
        return b;
    }

    @Test
    void knowsNoStreamLimitUntilThePeerAnnouncesOne() {
        assertThat(PeerSettings.DEFAULT.maxConcurrentStreams()).isEqualTo(Integer.MAX_VALUE);
        PeerSettings read = PeerSettings.DEFAULT.read(pairs(FrameType.SETTING_MAX_FRAME_SIZE, 65536));
        assertThat(read.maxConcurrentStreams()).isEqualTo(Integer.MAX_VALUE);
        assertThat(read.maxMessageSize()).isEqualTo(65536);
    }

    @Test
    void readsTheConcurrentStreamLimitAndSkipsUnknownSettingsAndZeroes() {
        PeerSettings read = PeerSettings.DEFAULT.read(pairs(99, 7, FrameType.SETTING_MAX_CONCURRENT_STREAMS, 2,
                FrameType.SETTING_STREAM_WINDOW, 0));
        assertThat(read).isEqualTo(new PeerSettings(WireLimits.DEFAULT_MAX_FRAME_SIZE,
                WireLimits.DEFAULT_STREAM_WINDOW, 2));
        assertThat(read.read(pairs(FrameType.SETTING_MAX_CONCURRENT_STREAMS, 0)).maxConcurrentStreams()).isEqualTo(2);
        assertThat(read.read(pairs(FrameType.SETTING_MAX_CONCURRENT_STREAMS, 0xFFFF_FFFFL)).maxConcurrentStreams())
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void skipsAMaxFrameSizeOfZeroInsteadOfRefusingEveryMessage() {
        PeerSettings read = PeerSettings.DEFAULT.read(pairs(FrameType.SETTING_MAX_FRAME_SIZE, 65536));
        assertThat(read.read(pairs(FrameType.SETTING_MAX_FRAME_SIZE, 0)).maxMessageSize()).isEqualTo(65536);
    }

    @Test
    void readsWhatThisSideAnnounces() {
        WireLimits limits = new WireLimits(8192, 16, 2048, 7, 32);
        ByteBuf frame = Frames.settings(ByteBufAllocator.DEFAULT, limits);
        frame.skipBytes(FrameType.HEADER_LENGTH);
        assertThat(PeerSettings.DEFAULT.read(frame)).isEqualTo(new PeerSettings(8192, 32, 7));
        frame.release();
    }

    @Test
    void rejectsAPayloadThatIsNotPairs() {
        assertThatThrownBy(() -> PeerSettings.DEFAULT.read(Unpooled.wrappedBuffer(new byte[] {0, 2, 0})))
                .isInstanceOf(CorruptedFrameException.class);
    }
}
