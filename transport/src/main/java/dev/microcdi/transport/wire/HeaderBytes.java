package dev.microcdi.transport.wire;

import java.nio.charset.StandardCharsets;

/**
 * The encoded header pairs that one connection writes again and again (an answer's content type, the names of
 * the per-call headers, metadata that repeats), each encoded once, length fields included, rather than per call.
 * The values of per-call headers (timeout, call id) are never kept. A small direct-mapped cache keyed
 * by the strings' own hash codes; a pair with a value longer than {@value #MAX_LENGTH} characters is encoded
 * every time. Thread-safe: entries are immutable, so a thread that loses a race for a slot only encodes once
 * more.
 */
public final class HeaderBytes {
    private static final int SLOTS = 64;
    private static final int MAX_LENGTH = 64;
    private final Entry[] entries = new Entry[SLOTS];

    private record Entry(String name, String value, byte[] encoded) {
    }

    /**
     * A pair as it goes into a header block: u16 name length, name, u32 value length, value. The caller must not
     * change the bytes.
     *
     * @param name the name
     * @param value the value
     * @return the encoded pair
     * @throws IllegalArgumentException when the name is longer than 65535 bytes
     */
    byte[] pair(String name, String value) {
        int hash = 31 * name.hashCode() + value.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        Entry e = entries[slot];
        if (e != null && (e.value == value || e.value.equals(value)) && (e.name == name || e.name.equals(name))) {
            return e.encoded;
        }
        byte[] encoded = encode(name, value);
        if (value.length() <= MAX_LENGTH && name.length() <= MAX_LENGTH) {
            entries[slot] = new Entry(name, value, encoded);
        }
        return encoded;
    }

    /** Whether the cache holds a pair; for tests. */
    boolean holds(String name, String value) {
        int hash = 31 * name.hashCode() + value.hashCode();
        Entry e = entries[(hash ^ (hash >>> 16)) & (SLOTS - 1)];
        return e != null && e.value.equals(value) && e.name.equals(name);
    }

    private static byte[] encode(String name, String value) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        if (n.length > 0xFFFF) {
            throw new IllegalArgumentException("header name longer than 65535 bytes");
        }
        byte[] pair = new byte[2 + n.length + 4 + v.length];
        pair[0] = (byte) (n.length >>> 8);
        pair[1] = (byte) n.length;
        System.arraycopy(n, 0, pair, 2, n.length);
        int at = 2 + n.length;
        pair[at] = (byte) (v.length >>> 24);
        pair[at + 1] = (byte) (v.length >>> 16);
        pair[at + 2] = (byte) (v.length >>> 8);
        pair[at + 3] = (byte) v.length;
        System.arraycopy(v, 0, pair, at + 4, v.length);
        return pair;
    }
}
