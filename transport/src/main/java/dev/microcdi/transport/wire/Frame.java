package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;

/**
 * One decoded frame. The receiver owns {@code payload} and releases it.
 *
 * @param type a {@link FrameType} number
 * @param flags the flag bits
 * @param streamId the stream, 0 for connection frames
 * @param payload the payload bytes
 */
public record Frame(int type, int flags, int streamId, ByteBuf payload) {

    /**
     * Whether a flag is set.
     *
     * @param flag the flag bit
     * @return true when set
     */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }
}
