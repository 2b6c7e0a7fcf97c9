package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HEADERS payload: u16 count, then per pair u16 name length, name (UTF-8), u32 value length, value
 * (UTF-8). Names are unique within a block.
 */
public final class HeaderBlock {

    /** Receives the pairs of a block as they are read. */
    @FunctionalInterface
    public interface Sink {
        /**
         * One pair.
         *
         * @param name the name
         * @param value the value
         */
        void header(String name, String value);
    }

    /** A block that breaks the receiver's header limits; the stream gets 413. */
    public static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message, null, false, false);
        }
    }

    private final ByteBuf buf;
    private final int countIndex;
    private int count;

    private HeaderBlock(ByteBuf buf) {
        this.buf = buf;
        this.countIndex = buf.writerIndex();
        buf.writeShort(0);
    }

    /**
     * Starts a block at the writer index of a buffer.
     *
     * @param buf where to write
     * @return the block writer
     */
    public static HeaderBlock begin(ByteBuf buf) {
        return new HeaderBlock(buf);
    }

    /**
     * Adds a pair.
     *
     * @param name the name
     * @param value the value
     * @return this writer
     */
    public HeaderBlock add(String name, String value) {
        int lengthIndex = buf.writerIndex();
        buf.writeShort(0);
        int nameBytes = ByteBufUtil.writeUtf8(buf, name);
        if (nameBytes > 0xFFFF) {
            throw new IllegalArgumentException("header name longer than 65535 bytes");
        }
        buf.setShort(lengthIndex, nameBytes);
        lengthIndex = buf.writerIndex();
        buf.writeInt(0);
        buf.setInt(lengthIndex, ByteBufUtil.writeUtf8(buf, value));
        count++;
        return this;
    }

    /**
     * Adds every pair of a map.
     *
     * @param pairs the pairs
     * @return this writer
     */
    public HeaderBlock addAll(Map<String, String> pairs) {
        for (Map.Entry<String, String> e : pairs.entrySet()) {
            add(e.getKey(), e.getValue());
        }
        return this;
    }

    /** Writes the count; the block is complete. */
    public void end() {
        if (count > 0xFFFF) {
            throw new IllegalArgumentException("more than 65535 headers");
        }
        buf.setShort(countIndex, count);
    }

    /**
     * Reads a block, taking repeated strings from the connection's cache: every name, and every value but those
     * of {@link WireHeaders#TIMEOUT} and {@link WireHeaders#ID}, which differ per call.
     *
     * @param payload the HEADERS payload; consumed
     * @param limits the receiver's limits
     * @param sink receives each pair
     * @param strings the connection's cache
     * @throws TooLargeException when the block breaks the header limits
     * @throws CorruptedFrameException when the block is malformed
     */
    public static void read(ByteBuf payload, WireLimits limits, Sink sink, HeaderStrings strings)
            throws TooLargeException {
        if (payload.readableBytes() > limits.maxHeaderBytes()) {
            throw new TooLargeException("headers of " + payload.readableBytes() + " bytes exceed the limit of "
                    + limits.maxHeaderBytes());
        }
        if (payload.readableBytes() < 2) {
            throw new CorruptedFrameException("HEADERS without a count");
        }
        int n = payload.readUnsignedShort();
        if (n > limits.maxHeaderCount()) {
            throw new TooLargeException(n + " headers exceed the limit of " + limits.maxHeaderCount());
        }
        for (int i = 0; i < n; i++) {
            String name = string(payload, payload.isReadable(2) ? payload.readUnsignedShort() : -1, strings);
            boolean perCall = WireHeaders.TIMEOUT.equals(name) || WireHeaders.ID.equals(name);
            String value = string(payload, payload.isReadable(4) ? payload.readInt() : -1, perCall ? null : strings);
            sink.header(name, value);
        }
        if (payload.isReadable()) {
            throw new CorruptedFrameException("HEADERS with trailing bytes");
        }
    }

    private static String string(ByteBuf payload, int length, HeaderStrings strings) {
        if (length < 0 || length > payload.readableBytes()) {
            throw new CorruptedFrameException("HEADERS length out of bounds");
        }
        String s = strings == null ? payload.toString(payload.readerIndex(), length, StandardCharsets.UTF_8)
                : strings.get(payload, payload.readerIndex(), length);
        payload.skipBytes(length);
        return s;
    }
}
