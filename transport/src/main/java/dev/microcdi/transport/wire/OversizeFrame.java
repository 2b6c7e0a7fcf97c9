package dev.microcdi.transport.wire;

/**
 * A HEADERS or DATA frame whose payload was larger than the receiver's limit; its bytes are discarded so
 * that the connection stays usable, and the stream is answered with 413.
 *
 * @param type {@link FrameType#HEADERS} or {@link FrameType#DATA}
 * @param flags the flag bits
 * @param streamId the stream, never 0
 * @param length the announced payload length
 */
public record OversizeFrame(int type, int flags, int streamId, long length) {
}
