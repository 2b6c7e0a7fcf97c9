package dev.microcdi.transport.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header strings one connection saw last, so that those that repeat on every call (the names, the
 * service, the endpoint, the content type) are decoded once rather than per call. A small direct-mapped cache:
 * a string of at most {@value #MAX_LENGTH} bytes is looked up by its bytes and replaces the entry of its slot
 * when it is not there. It also lends the array that a header block is parsed from.
 *
 * <p>It also remembers the lead of a block: the pairs at its start whose strings all repeat (a request's
 * service, endpoint and content type, which a client writes first). A block that starts with the same bytes is
 * given those pairs without parsing them, with one compare of the bytes. A lead that stops matching is
 * replaced only when the next block misses too, so that two kinds of blocks taking turns on a connection do not
 * make each other's lead over and over. Not thread-safe: one per connection, used on its event loop.
 */
public final class HeaderStrings {
    private static final int SLOTS = 64;
    private static final int MAX_LENGTH = 64;
    /** Blocks up to this size are parsed from an array kept for the next block; larger ones get their own. */
    private static final int KEPT_BLOCK = 4096;
    /** The most pairs a lead holds. */
    static final int LEAD_PAIRS = 8;
    /** The offset of the first pair in a block, after its count. */
    private static final int FIRST_PAIR = 2;
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private byte[] block = new byte[256];
    /** The bytes of the lead, from the first pair on; empty when there is none. */
    private byte[] lead = new byte[0];
    /** The lead's names and values, alternating. */
    private String[] leadStrings = new String[0];
    /** The strings of a block's lead as it is read, before {@link #offerLead} takes them. */
    private final String[] scratch = new String[2 * LEAD_PAIRS];
    /** Blocks in a row that did not start with the lead. */
    private int misses;

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

    /**
     * Whether a block of {@code count} pairs in {@code b} starts with the lead; the block may hold more pairs after
     * it. A miss counts towards replacing the lead ({@link #offerLead}).
     *
     * @param b the block, from its count on
     * @param size the block's size
     * @param count the block's count of pairs
     * @return whether {@link #leadStrings()} are its first pairs, in its first {@link #leadLength()} bytes after
     *     the count
     */
    boolean startsWithLead(byte[] b, int size, int count) {
        int length = lead.length;
        if (length > 0 && leadStrings.length / 2 <= count && FIRST_PAIR + length <= size
                && Arrays.equals(b, FIRST_PAIR, FIRST_PAIR + length, lead, 0, length)) {
            misses = 0;
            return true;
        }
        misses++;
        return false;
    }

    /** Whether a string of this many bytes is one this cache keeps, and so may be part of a lead. */
    boolean repeats(int length) {
        return length <= MAX_LENGTH;
    }

    /** The lead's length in bytes. */
    int leadLength() {
        return lead.length;
    }

    /** The lead's names and values, alternating; read only. */
    String[] leadStrings() {
        return leadStrings;
    }

    /** Where the reader of a block that missed collects the strings of its lead, for {@link #offerLead}. */
    String[] leadScratch() {
        return scratch;
    }

    /**
     * Offers the lead of a block that did not start with the current lead: the first {@code pairs} pairs, whose
     * strings are in {@link #leadScratch()}. It becomes the lead when there is none, or when the block before
     * missed too.
     *
     * @param b the block
     * @param end where the lead's last pair ends
     * @param pairs how many pairs it holds, at most {@link #LEAD_PAIRS}
     */
    void offerLead(byte[] b, int end, int pairs) {
        if (pairs == 0 || (lead.length > 0 && misses < 2)) {
            return;
        }
        misses = 0;
        lead = Arrays.copyOfRange(b, FIRST_PAIR, end);
        leadStrings = Arrays.copyOf(scratch, 2 * pairs);
    }
}
