package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The header strings one connection saw last, so that those that repeat on every call (the names, the
 * service, the endpoint, the content type) are decoded once rather than per call. A small direct-mapped cache:
 * a string of at most {@value #MAX_LENGTH} bytes is looked up by its bytes and replaces the entry of its slot
 * when it is not there. Not thread-safe: one per connection, used on its event loop.
 */
public final class HeaderStrings {
    private static final int SLOTS = 64;
    private static final int MAX_LENGTH = 64;
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    /**
     * The UTF-8 string at {@code index}, from the cache when the same bytes were seen last in its slot.
     *
     * @param buf the buffer
     * @param index where the string starts
     * @param length its length in bytes
     * @return the string
     */
    String get(ByteBuf buf, int index, int length) {
        if (length > MAX_LENGTH) {
            return buf.toString(index, length, StandardCharsets.UTF_8);
        }
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + buf.getByte(index + i);
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] cached = bytes[slot];
        if (cached != null && cached.length == length && same(buf, index, cached)) {
            return strings[slot];
        }
        byte[] copy = new byte[length];
        buf.getBytes(index, copy);
        String s = new String(copy, StandardCharsets.UTF_8);
        bytes[slot] = copy;
        strings[slot] = s;
        return s;
    }

    private static boolean same(ByteBuf buf, int index, byte[] cached) {
        for (int i = 0; i < cached.length; i++) {
            if (buf.getByte(index + i) != cached[i]) {
                return false;
            }
        }
        return true;
    }
}
