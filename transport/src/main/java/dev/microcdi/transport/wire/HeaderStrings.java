package dev.microcdi.transport.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header strings one connection saw last, so that those that repeat on every call (the names, the
 * service, the endpoint, the content type) are decoded once rather than per call. A small direct-mapped cache:
 * a string of at most {@value #MAX_LENGTH} bytes is looked up by its bytes and replaces the entry of its slot
 * when it is not there. It also lends the array that a header block is parsed from. Not thread-safe: one per
 * connection, used on its event loop.
 */
public final class HeaderStrings {
    private static final int SLOTS = 64;
    private static final int MAX_LENGTH = 64;
    /** Blocks up to this size are parsed from an array kept for the next block; larger ones get their own. */
    private static final int KEPT_BLOCK = 4096;
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private byte[] block = new byte[256];

    /**
     * An array of at least {@code size} bytes to copy a header block into, valid until the next call.
     *
     * @param size the block's size
     * @return the array
     */
    byte[] block(int size) {
        if (size <= block.length) {
            return block;
        }
        if (size > KEPT_BLOCK) {
            return new byte[size];
        }
        block = new byte[Math.min(KEPT_BLOCK, Math.max(size, 2 * block.length))];
        return block;
    }

    /**
     * The UTF-8 string at {@code offset}, from the cache when the same bytes were seen last in its slot.
     *
     * @param b the bytes
     * @param offset where the string starts
     * @param length its length in bytes
     * @return the string
     */
    String get(byte[] b, int offset, int length) {
        if (length > MAX_LENGTH) {
            return new String(b, offset, length, StandardCharsets.UTF_8);
        }
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + b[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] cached = bytes[slot];
        if (cached != null && Arrays.equals(cached, 0, cached.length, b, offset, offset + length)) {
            return strings[slot];
        }
        byte[] copy = Arrays.copyOfRange(b, offset, offset + length);
        String s = WireHeaders.canonical(new String(copy, StandardCharsets.UTF_8));
        bytes[slot] = copy;
        strings[slot] = s;
        return s;
    }
}
