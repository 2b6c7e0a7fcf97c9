package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;

/**
 * Splits the byte stream into {@link Frame}s. A HEADERS or DATA frame over the size limit becomes an
 * {@link OversizeFrame} and its payload is skipped as it arrives; an unknown type, a negative stream id,
 * a stream frame on stream 0, a connection frame on a stream (WINDOW_UPDATE may be either) or an oversize
 * connection frame is garbage and raises
 * {@link CorruptedFrameException}, after which the connection is closed.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameSize;
    private long discarding;

    /**
     * Creates a decoder.
     *
     * @param maxFrameSize the largest payload accepted
     */
    public FrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding > 0) {
            int n = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(n);
            discarding -= n;
            return;
        }
        if (in.readableBytes() < FrameType.HEADER_LENGTH) {
            return;
        }
        int start = in.readerIndex();
        long length = in.getUnsignedInt(start);
        int type = in.getUnsignedByte(start + 4);
        int flags = in.getUnsignedByte(start + 5);
        int streamId = in.getInt(start + 6);
        if (!FrameType.isKnown(type)) {
            throw new CorruptedFrameException("unknown frame type " + type);
        }
        if (streamId < 0) {
            throw new CorruptedFrameException("stream id out of range");
        }
        if (!FrameType.isAnyStream(type) && FrameType.isStreamFrame(type) == (streamId == 0)) {
            throw new CorruptedFrameException("frame type " + type + " on stream " + streamId);
        }
        if (length > maxFrameSize) {
            if (type != FrameType.HEADERS && type != FrameType.DATA) {
                throw new CorruptedFrameException("oversize control frame of " + length + " bytes");
            }
            in.skipBytes(FrameType.HEADER_LENGTH);
            discarding = length;
            out.add(new OversizeFrame(type, flags, streamId, length));
            return;
        }
        if (in.readableBytes() < FrameType.HEADER_LENGTH + length) {
            return;
        }
        in.skipBytes(FrameType.HEADER_LENGTH);
        out.add(new Frame(type, flags, streamId, in.readRetainedSlice((int) length)));
    }
}
