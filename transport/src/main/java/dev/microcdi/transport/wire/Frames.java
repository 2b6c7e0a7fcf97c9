package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Writes frames into buffers: a frame is begun with its header, filled, then its length is patched. */
public final class Frames {
    private Frames() {
    }

    /**
     * Writes a frame header with a zero length.
     *
     * @param buf where to write
     * @param type the frame type
     * @param flags the flags
     * @param streamId the stream id
     * @return the index of the frame, for {@link #end(ByteBuf, int)}
     */
    public static int begin(ByteBuf buf, int type, int flags, int streamId) {
        int start = buf.writerIndex();
        buf.writeInt(0).writeByte(type).writeByte(flags).writeInt(streamId);
        return start;
    }

    /**
     * Sets the length of a frame to the bytes written since {@link #begin}.
     *
     * @param buf the buffer
     * @param start the index {@link #begin} returned
     * @return the payload length
     */
    public static int end(ByteBuf buf, int start) {
        int length = buf.writerIndex() - start - FrameType.HEADER_LENGTH;
        buf.setInt(start, length);
        return length;
    }

    /**
     * Overwrites the stream id of a frame already written.
     *
     * @param buf the buffer
     * @param start the index of the frame
     * @param streamId the stream id
     */
    public static void setStreamId(ByteBuf buf, int start, int streamId) {
        buf.setInt(start + 6, streamId);
    }

    /**
     * A frame whose payload is one u32.
     *
     * @param alloc the allocator
     * @param type the frame type
     * @param streamId the stream id
     * @param value the payload
     * @return the frame bytes
     */
    public static ByteBuf u32(ByteBufAllocator alloc, int type, int streamId, int value) {
        ByteBuf buf = alloc.buffer(FrameType.HEADER_LENGTH + 4);
        int start = begin(buf, type, 0, streamId);
        buf.writeInt(value);
        end(buf, start);
        return buf;
    }

    /**
     * A SETTINGS frame announcing limits.
     *
     * @param alloc the allocator
     * @param limits the limits
     * @return the frame bytes
     */
    public static ByteBuf settings(ByteBufAllocator alloc, WireLimits limits) {
        ByteBuf buf = alloc.buffer(FrameType.HEADER_LENGTH + 30);
        int start = begin(buf, FrameType.SETTINGS, 0, 0);
        buf.writeShort(FrameType.SETTING_MAX_FRAME_SIZE).writeInt(limits.maxFrameSize());
        buf.writeShort(FrameType.SETTING_MAX_CONCURRENT_STREAMS).writeInt(limits.maxConcurrentStreams());
        buf.writeShort(FrameType.SETTING_MAX_HEADER_COUNT).writeInt(limits.maxHeaderCount());
        buf.writeShort(FrameType.SETTING_MAX_HEADER_BYTES).writeInt(limits.maxHeaderBytes());
        buf.writeShort(FrameType.SETTING_STREAM_WINDOW).writeInt(limits.streamWindow());
        end(buf, start);
        return buf;
    }

    /**
     * A HEADERS frame with END_STREAM and an empty header block: the sender's half of a stream is complete
     * without a last message.
     *
     * @param alloc the allocator
     * @param streamId the stream
     * @return the frame bytes
     */
    public static ByteBuf endOfStream(ByteBufAllocator alloc, int streamId) {
        ByteBuf buf = alloc.buffer(FrameType.HEADER_LENGTH + 2);
        int start = begin(buf, FrameType.HEADERS, FrameType.FLAG_END_STREAM, streamId);
        buf.writeShort(0);
        end(buf, start);
        return buf;
    }

    /**
     * The PING answer to a PING: the same payload with {@link FrameType#FLAG_ACK}.
     *
     * @param alloc the allocator
     * @param ping the received PING
     * @return the frame bytes
     */
    public static ByteBuf pingAck(ByteBufAllocator alloc, Frame ping) {
        ByteBuf buf = alloc.buffer(FrameType.HEADER_LENGTH + ping.payload().readableBytes());
        int start = begin(buf, FrameType.PING, FrameType.FLAG_ACK, 0);
        buf.writeBytes(ping.payload(), ping.payload().readerIndex(), ping.payload().readableBytes());
        end(buf, start);
        return buf;
    }
}
