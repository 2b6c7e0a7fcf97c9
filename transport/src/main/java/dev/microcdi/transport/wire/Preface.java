package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * The 8 bytes a client sends first on a connection of the binary wire: {@code MCDI/1\r\n}. They cannot be
 * the start of an HTTP request, so one port can tell this wire from Go Micro's HTTP wire ({@code POST })
 * by the first bytes.
 */
public final class Preface {
    private static final byte[] BYTES = "MCDI/1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final ByteBuf PREFACE = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(BYTES).asReadOnly());

    private Preface() {
    }

    /**
     * The preface length.
     *
     * @return 8
     */
    public static int length() {
        return BYTES.length;
    }

    /**
     * The preface, to write; a shared read-only buffer.
     *
     * @return a duplicate positioned at the start
     */
    public static ByteBuf buffer() {
        return PREFACE.duplicate();
    }

    /**
     * Whether the readable bytes so far agree with the preface (the preface may be incomplete).
     *
     * @param in the received bytes; not consumed
     * @return false once a byte differs
     */
    public static boolean matchesSoFar(ByteBuf in) {
        int n = Math.min(in.readableBytes(), BYTES.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != BYTES[i]) {
                return false;
            }
        }
        return true;
    }
}
