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

        /**
         * Whether this sink has no use for the value of a header that differs per call ({@link WireHeaders#TIMEOUT},
         * {@link WireHeaders#ID}): the value is then neither decoded nor passed to {@link #header}.
         *
         * @param name the header's name
         * @return true to skip it; false by default
         */
        default boolean skips(String name) {
            return false;
        }
    }

    /** A block that breaks the receiver's header limits; the stream gets 413. */
    public static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(String message) {
            super(message, null, false, false);
        }
    }

    /** 10^0 to 10^18, read only. */
    private static final long[] POWERS_OF_TEN = powersOfTen();
    /** The two ASCII digits of 0 to 99, big-endian; read only. */
    private static final short[] DIGIT_PAIRS = digitPairs();

    private final ByteBuf buf;
    private final HeaderBytes cache;
    private final int countIndex;
    private int count;

    private HeaderBlock(ByteBuf buf, HeaderBytes cache) {
        this.buf = buf;
        this.cache = cache;
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
        return new HeaderBlock(buf, null);
    }

    /**
     * Starts a block at the writer index of a buffer, taking repeated pairs from a connection's cache.
     *
     * @param buf where to write
     * @param cache the connection's encoded pairs
     * @return the block writer
     */
    public static HeaderBlock begin(ByteBuf buf, HeaderBytes cache) {
        return new HeaderBlock(buf, cache);
    }

    /**
     * Adds a pair.
     *
     * @param name the name
     * @param value the value
     * @return this writer
     */
    public HeaderBlock add(String name, String value) {
        if (cache == null) {
            writeName(name);
            writeValue(value);
        } else if (perCall(name)) {
            // a value that differs per call would only evict the pairs that repeat
            writeCachedName(name);
            writeValue(value);
        } else {
            buf.writeBytes(cache.pair(name, value));
        }
        count++;
        return this;
    }

    /**
     * Adds pairs encoded before.
     *
     * @param pairs the pairs
     * @return this writer
     */
    public HeaderBlock add(HeaderPairs pairs) {
        pairs.writeTo(buf);
        count += pairs.count();
        return this;
    }

    /** Whether a header's value differs from call to call: it is neither cached when written nor when read. */
    private static boolean perCall(String name) {
        return WireHeaders.TIMEOUT.equals(name) || WireHeaders.ID.equals(name);
    }

    /** The name as the cache holds it in a pair with an empty value, less that value's length field. */
    private void writeCachedName(String name) {
        byte[] named = cache.pair(name, "");
        buf.writeBytes(named, 0, named.length - 4);
    }

    private void writeValue(String value) {
        int lengthIndex = buf.writerIndex();
        buf.writeInt(0);
        buf.setInt(lengthIndex, ByteBufUtil.writeUtf8(buf, value));
    }

    /**
     * Adds a pair whose value is a number, written in decimal without making a string of it.
     *
     * @param name the name
     * @param value the value
     * @return this writer
     */
    public HeaderBlock add(String name, long value) {
        if (value < 0) {
            return add(name, Long.toString(value));
        }
        if (cache != null) {
            writeCachedName(name);
        } else {
            writeName(name);
        }
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits]) {
            digits++;
        }
        buf.ensureWritable(4 + digits);
        buf.writeInt(digits);
        // from the last digit back, two at a time: a division by a constant is a multiplication
        int end = buf.writerIndex() + digits;
        int at = end;
        long v = value;
        while (v >= 100) {
            long q = v / 100;
            at -= 2;
            buf.setShort(at, DIGIT_PAIRS[(int) (v - 100 * q)]);
            v = q;
        }
        if (v >= 10) {
            at -= 2;
            buf.setShort(at, DIGIT_PAIRS[(int) v]);
        } else {
            buf.setByte(at - 1, (int) ('0' + v));
        }
        buf.writerIndex(end);
        count++;
        return this;
    }

    /** 10^0 to 10^18. */
    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    private static short[] digitPairs() {
        short[] pairs = new short[100];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = (short) (('0' + i / 10) << 8 | ('0' + i % 10));
        }
        return pairs;
    }

    private void writeName(String name) {
        int lengthIndex = buf.writerIndex();
        buf.writeShort(0);
        int nameBytes = ByteBufUtil.writeUtf8(buf, name);
        if (nameBytes > 0xFFFF) {
            throw new IllegalArgumentException("header name longer than 65535 bytes");
        }
        buf.setShort(lengthIndex, nameBytes);
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
     * of {@link WireHeaders#TIMEOUT} and {@link WireHeaders#ID}, which differ per call. A block that starts with
     * the lead of the blocks before ({@link HeaderStrings}) gets those pairs without parsing them.
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
        int size = payload.readableBytes();
        if (size > limits.maxHeaderBytes()) {
            throw new TooLargeException("headers of " + size + " bytes exceed the limit of "
                    + limits.maxHeaderBytes());
        }
        if (size < 2) {
            throw new CorruptedFrameException("HEADERS without a count");
        }
        // parsed from an array: a buffer checks bounds and reference count on every read
        byte[] b = strings.block(size);
        payload.readBytes(b, 0, size);
        int n = u16(b, 0);
        if (n > limits.maxHeaderCount()) {
            throw new TooLargeException(n + " headers exceed the limit of " + limits.maxHeaderCount());
        }
        int p = 2;
        int i = 0;
        if (strings.startsWithLead(b, size, n)) {
            String[] known = strings.leadStrings();
            for (int k = 0; k < known.length; k += 2) {
                sink.header(known[k], known[k + 1]);
            }
            p += strings.leadLength();
            i = known.length / 2;
        }
        // after a miss: the pairs read so far all repeat and make this block's lead
        boolean leading = i == 0;
        String[] lead = strings.leadScratch();
        int leadPairs = 0;
        int leadEnd = p;
        for (; i < n; i++) {
            int nameLength = p + 2 <= size ? u16(b, p) : -1;
            p += 2;
            checkLength(nameLength, size - p);
            String name = strings.get(b, p, nameLength);
            p += nameLength;
            int valueLength = p + 4 <= size ? s32(b, p) : -1;
            p += 4;
            checkLength(valueLength, size - p);
            boolean perCall = perCall(name);
            String value = null;
            if (!perCall) {
                value = strings.get(b, p, valueLength);
            } else if (!sink.skips(name)) {
                value = new String(b, p, valueLength, StandardCharsets.UTF_8);
            }
            p += valueLength;
            if (value != null) {
                sink.header(name, value);
            }
            if (leading) {
                leading = !perCall && leadPairs < HeaderStrings.LEAD_PAIRS && strings.repeats(nameLength)
                        && strings.repeats(valueLength);
                if (leading) {
                    lead[2 * leadPairs] = name;
                    lead[2 * leadPairs + 1] = value;
                    leadPairs++;
                    leadEnd = p;
                }
            }
        }
        if (p != size) {
            throw new CorruptedFrameException("HEADERS with trailing bytes");
        }
        if (leadPairs > 0) {
            strings.offerLead(b, leadEnd, leadPairs);
        }
    }

    private static void checkLength(int length, int left) {
        if (length < 0 || length > left) {
            throw new CorruptedFrameException("HEADERS length out of bounds");
        }
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    private static int s32(byte[] b, int i) {
        return b[i] << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | b[i + 3] & 0xFF;
    }
}
