package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Header pairs encoded once, to be written into many blocks with {@link HeaderBlock#add(HeaderPairs)}: the
 * pairs that every call to one endpoint repeats (service, endpoint, content type). Immutable.
 */
public final class HeaderPairs {
    private final byte[] bytes;
    private final int count;

    private HeaderPairs(byte[] bytes, int count) {
        this.bytes = bytes;
        this.count = count;
    }

    /**
     * Encodes pairs.
     *
     * @param namesAndValues a name, its value, the next name, its value...
     * @return the encoded pairs
     * @throws IllegalArgumentException when a name has no value, or a name is longer than 65535 bytes
     * @throws NullPointerException when a name or value is null
     */
    public static HeaderPairs of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a header name without its value");
        }
        ByteBuf buf = Unpooled.buffer();
        HeaderBlock block = HeaderBlock.begin(buf);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            block.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        // the block's count field is not part of the pairs
        buf.skipBytes(2);
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        return new HeaderPairs(bytes, namesAndValues.length / 2);
    }

    void writeTo(ByteBuf buf) {
        buf.writeBytes(bytes);
    }

    int count() {
        return count;
    }
}
