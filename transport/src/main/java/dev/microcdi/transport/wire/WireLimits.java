package dev.microcdi.transport.wire;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import java.util.List;

/**
 * The limits a receiver enforces on one connection. A HEADERS or DATA frame over {@code maxFrameSize}, or
 * HEADERS over {@code maxHeaderCount}/{@code maxHeaderBytes}, fails its stream with 413; a stream beyond
 * {@code maxConcurrentStreams} is refused with 503 "not processed".
 *
 * @param maxFrameSize the largest frame payload, hence the largest message, in bytes
 * @param maxHeaderCount the most name/value pairs in one HEADERS frame
 * @param maxHeaderBytes the largest HEADERS payload in bytes
 * @param maxConcurrentStreams the most streams open at once on one connection
 * @param streamWindow the credit, in messages, that this side grants each stream it receives a stream of
 *                     messages on at first: the most messages it buffers per stream before its reader takes them,
 *                     until the window grows
 * @param maxStreamWindow the largest the window of a received stream grows to, in messages: it doubles while the
 *                        reader takes every message as soon as it arrives (the window, not the reader, is what
 *                        holds the stream back) and the window times the largest message seen on the stream
 *                        stays within {@code streamWindowBytes}
 * @param streamWindowBytes the bytes a grown window may hold, at the size of the largest message seen
 */
public record WireLimits(int maxFrameSize, int maxHeaderCount, int maxHeaderBytes, int maxConcurrentStreams,
        int streamWindow, int maxStreamWindow, long streamWindowBytes) {
    /** Default of {@code max-message-size}: 4 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 4 * 1024 * 1024;
    /** Default of {@code max-header-count}. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 64;
    /** Default of {@code max-header-bytes}: 16 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** Default of {@code max-concurrent-streams}. */
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 1000;
    /** Default of {@code stream-window}, and the credit a sender assumes before the peer's SETTINGS arrive. */
    public static final int DEFAULT_STREAM_WINDOW = 64;
    /** Default of {@code stream-window-max}. */
    public static final int DEFAULT_MAX_STREAM_WINDOW = 1024;
    /** Default of {@code stream-window-bytes}: 1 MiB. */
    public static final long DEFAULT_STREAM_WINDOW_BYTES = 1024 * 1024;

    /**
     * Validates the limits.
     *
     * @param maxFrameSize the largest frame payload
     * @param maxHeaderCount the most header pairs
     * @param maxHeaderBytes the largest HEADERS payload
     * @param maxConcurrentStreams the most open streams
     * @param streamWindow the first credit per received stream, in messages
     * @param maxStreamWindow the largest credit per received stream, in messages
     * @param streamWindowBytes the bytes a grown window may hold
     */
    public WireLimits {
        if (maxFrameSize < 1024 || maxHeaderCount < 8 || maxHeaderBytes < 1024 || maxConcurrentStreams < 1
                || streamWindow < 1) {
            throw new IllegalArgumentException("wire limits too small: max frame size >= 1024, header count >= 8,"
                    + " header bytes >= 1024, concurrent streams >= 1, stream window >= 1");
        }
        if (maxStreamWindow < streamWindow || streamWindowBytes < 1) {
            throw new IllegalArgumentException("stream-window-max must be at least stream-window, and"
                    + " stream-window-bytes at least 1");
        }
    }

    /**
     * Limits whose stream window grows as by default.
     *
     * @param maxFrameSize the largest frame payload
     * @param maxHeaderCount the most header pairs
     * @param maxHeaderBytes the largest HEADERS payload
     * @param maxConcurrentStreams the most open streams
     * @param streamWindow the first credit per received stream, in messages
     */
    public WireLimits(int maxFrameSize, int maxHeaderCount, int maxHeaderBytes, int maxConcurrentStreams,
            int streamWindow) {
        this(maxFrameSize, maxHeaderCount, maxHeaderBytes, maxConcurrentStreams, streamWindow,
                Math.max(streamWindow, DEFAULT_MAX_STREAM_WINDOW), DEFAULT_STREAM_WINDOW_BYTES);
    }

    /**
     * Limits with the default stream window.
     *
     * @param maxFrameSize the largest frame payload
     * @param maxHeaderCount the most header pairs
     * @param maxHeaderBytes the largest HEADERS payload
     * @param maxConcurrentStreams the most open streams
     */
    public WireLimits(int maxFrameSize, int maxHeaderCount, int maxHeaderBytes, int maxConcurrentStreams) {
        this(maxFrameSize, maxHeaderCount, maxHeaderBytes, maxConcurrentStreams, DEFAULT_STREAM_WINDOW);
    }

    /**
     * Reads the limits under a prefix: {@code <prefix>.max-message-size}, {@code .max-header-count},
     * {@code .max-header-bytes}, {@code .max-concurrent-streams}, {@code .stream-window},
     * {@code .stream-window-max}, {@code .stream-window-bytes}.
     *
     * @param settings the configuration
     * @param prefix {@code micro.server} or {@code micro.client}
     * @return the limits
     * @throws MicroException 400 when a value is invalid
     */
    public static WireLimits from(Settings settings, String prefix) {
        try {
            int window = settings.integer(prefix + ".stream-window", DEFAULT_STREAM_WINDOW);
            return new WireLimits(settings.integer(prefix + ".max-message-size", DEFAULT_MAX_FRAME_SIZE),
                    settings.integer(prefix + ".max-header-count", DEFAULT_MAX_HEADER_COUNT),
                    settings.integer(prefix + ".max-header-bytes", DEFAULT_MAX_HEADER_BYTES),
                    settings.integer(prefix + ".max-concurrent-streams", DEFAULT_MAX_CONCURRENT_STREAMS),
                    window, settings.integer(prefix + ".stream-window-max", Math.max(window, DEFAULT_MAX_STREAM_WINDOW)),
                    settings.integer(prefix + ".stream-window-bytes", (int) DEFAULT_STREAM_WINDOW_BYTES));
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest("micro.config", "%s: %s", prefix, e.getMessage());
        }
    }

    /**
     * The settings that {@link #from} reads, for provider documentation.
     *
     * @param prefix {@code micro.server} or {@code micro.client}
     * @return the settings with defaults
     */
    public static List<Setting> settings(String prefix) {
        return List.of(
                new Setting(prefix + ".max-message-size", "largest message (frame payload) in bytes",
                        Integer.toString(DEFAULT_MAX_FRAME_SIZE)),
                new Setting(prefix + ".max-header-count", "most header pairs per call",
                        Integer.toString(DEFAULT_MAX_HEADER_COUNT)),
                new Setting(prefix + ".max-header-bytes", "largest encoded header block in bytes",
                        Integer.toString(DEFAULT_MAX_HEADER_BYTES)),
                new Setting(prefix + ".max-concurrent-streams", "most calls in flight per connection",
                        Integer.toString(DEFAULT_MAX_CONCURRENT_STREAMS)),
                new Setting(prefix + ".stream-window", "messages buffered per received stream before the"
                        + " sender must wait for credit, at first", Integer.toString(DEFAULT_STREAM_WINDOW)),
                new Setting(prefix + ".stream-window-max", "messages the window of a received stream grows to at"
                        + " most, doubling while its reader keeps up", Integer.toString(DEFAULT_MAX_STREAM_WINDOW)),
                new Setting(prefix + ".stream-window-bytes", "bytes a grown window may hold, at the size of the"
                        + " largest message seen on the stream", Long.toString(DEFAULT_STREAM_WINDOW_BYTES)));
    }
}
