package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.CorruptedFrameException;

/**
 * What this side knows of the peer's limits from its SETTINGS; before they arrive, the defaults of the
 * wire. Settings this version does not use are skipped, and so are a frame size, stream window or stream limit of
 * zero (a peer that could take no message at all would be of no use).
 *
 * @param maxMessageSize the largest message the peer accepts
 * @param streamWindow the credit the peer grants each stream it receives messages on
 * @param maxConcurrentStreams the most streams the peer keeps open at once on the connection;
 *                             {@link Integer#MAX_VALUE} while the peer announced none
 */
public record PeerSettings(long maxMessageSize, int streamWindow, int maxConcurrentStreams) {

    /** The peer's limits before its SETTINGS arrive: no limit on streams is known yet. */
    public static final PeerSettings DEFAULT = new PeerSettings(WireLimits.DEFAULT_MAX_FRAME_SIZE,
            WireLimits.DEFAULT_STREAM_WINDOW, Integer.MAX_VALUE);

    /**
     * Reads a SETTINGS payload over these settings.
     *
     * @param payload the pairs of u16 id and u32 value; consumed
     * @return the updated settings
     * @throws CorruptedFrameException when the payload is not a sequence of pairs
     */
    public PeerSettings read(ByteBuf payload) {
        if (payload.readableBytes() % 6 != 0) {
            throw new CorruptedFrameException("SETTINGS payload is not a multiple of 6 bytes");
        }
        long max = maxMessageSize;
        int window = streamWindow;
        int streams = maxConcurrentStreams;
        while (payload.isReadable()) {
            int id = payload.readUnsignedShort();
            long value = payload.readUnsignedInt();
            if (id == FrameType.SETTING_MAX_FRAME_SIZE && value > 0) {
                max = value;
            } else if (id == FrameType.SETTING_STREAM_WINDOW && value > 0) {
                window = (int) Math.min(Integer.MAX_VALUE, value);
            } else if (id == FrameType.SETTING_MAX_CONCURRENT_STREAMS && value > 0) {
                streams = (int) Math.min(Integer.MAX_VALUE, value);
            }
        }
        return new PeerSettings(max, window, streams);
    }
}
