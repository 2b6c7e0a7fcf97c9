package dev.microcdi.transport.wire;

/**
 * The frame types and flags of the micro-cdi binary wire ({@code docs/wire.md}). Numbers follow HTTP/2 where
 * the meaning is the same.
 */
public final class FrameType {
    /** One message of a stream. */
    public static final int DATA = 0;
    /** Opens a stream (request) or answers it (response or error), as counted name/value pairs. */
    public static final int HEADERS = 1;
    /** Cancels a stream; payload: u32 code (a {@code MicroException} code). */
    public static final int RST = 3;
    /** The sender's limits; payload: pairs of u16 setting id and u32 value. */
    public static final int SETTINGS = 4;
    /** Liveness probe; payload: 8 opaque bytes, echoed with {@link #FLAG_ACK}. */
    public static final int PING = 6;
    /** The sender stops taking streams; payload: u32 id of the last stream it will process. */
    public static final int GOAWAY = 7;
    /** Grants a stream (or, on stream 0, the connection) credit for more messages; payload: u32 credit. */
    public static final int WINDOW_UPDATE = 8;

    /** On HEADERS or DATA: the sender's half of the stream is complete. */
    public static final int FLAG_END_STREAM = 0x1;
    /** On PING and SETTINGS: this frame acknowledges the peer's. */
    public static final int FLAG_ACK = 0x1;

    /** Bytes of the frame header: u32 payload length, u8 type, u8 flags, u32 stream id. */
    public static final int HEADER_LENGTH = 10;

    /** SETTINGS id: the largest frame payload the sender accepts. */
    public static final int SETTING_MAX_FRAME_SIZE = 1;
    /** SETTINGS id: the most streams the sender keeps open at once per connection. */
    public static final int SETTING_MAX_CONCURRENT_STREAMS = 2;
    /** SETTINGS id: the most header pairs in one HEADERS frame. */
    public static final int SETTING_MAX_HEADER_COUNT = 3;
    /** SETTINGS id: the largest HEADERS payload. */
    public static final int SETTING_MAX_HEADER_BYTES = 4;
    /** SETTINGS id: the credit, in messages, the sender grants each stream it receives messages on. */
    public static final int SETTING_STREAM_WINDOW = 5;

    private FrameType() {
    }

    /**
     * Whether a type number is one of this version of the wire.
     *
     * @param type the type byte
     * @return true when known
     */
    public static boolean isKnown(int type) {
        return switch (type) {
            case DATA, HEADERS, RST, SETTINGS, PING, GOAWAY, WINDOW_UPDATE -> true;
            default -> false;
        };
    }

    /**
     * Whether frames of a type belong to a stream rather than to the connection.
     *
     * @param type the type byte
     * @return true for HEADERS, DATA, RST
     */
    public static boolean isStreamFrame(int type) {
        return type == HEADERS || type == DATA || type == RST;
    }

    /**
     * Whether frames of a type may be sent on a stream as well as on the connection (stream 0).
     *
     * @param type the type byte
     * @return true for WINDOW_UPDATE
     */
    public static boolean isAnyStream(int type) {
        return type == WINDOW_UPDATE;
    }
}
