package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.transport.wire.FrameType;
import dev.microcdi.transport.wire.Frames;
import dev.microcdi.transport.wire.HeaderBlock;
import dev.microcdi.transport.wire.HeaderBytes;
import dev.microcdi.transport.wire.WireHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.util.Map;

/**
 * Encodes the answer of a stream: HEADERS + DATA(END_STREAM) for a result, HEADERS(END_STREAM) for an error;
 * for a response stream, HEADERS first, then DATA per message, then a trailing HEADERS(END_STREAM).
 */
final class Answers {
    /** Room for the HEADERS block of an answer: content type, call id and a little metadata. */
    private static final int HEAD_SIZE = 128;

    private Answers() {
    }

    static ByteBuf error(ByteBufAllocator alloc, int streamId, MicroException error, boolean notProcessed,
            String callId) {
        ByteBuf buf = alloc.buffer(128 + error.detail().length());
        int start = Frames.begin(buf, FrameType.HEADERS, FrameType.FLAG_END_STREAM, streamId);
        HeaderBlock headers = HeaderBlock.begin(buf).add(WireHeaders.ERROR, error.toJson());
        if (notProcessed) {
            headers.add(WireHeaders.NOT_PROCESSED, "true");
        }
        if (callId != null) {
            headers.add(WireHeaders.ID, callId);
        }
        headers.end();
        Frames.end(buf, start);
        return buf;
    }

    /** The result frames; throws the codec's {@link MicroException} (500) when the value cannot be encoded. */
    static ByteBuf result(ByteBufAllocator alloc, HeaderBytes cache, int streamId, Codec codec, Object value,
            String callId, Map<String, String> metadata) {
        ByteBuf buf = alloc.buffer(resultCapacity(codec.encodedSize(value)));
        try {
            writeResult(buf, cache, streamId, codec, value, callId, metadata);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }

    /** Room for the result frames of a value of {@code size} bytes, -1 when unknown. */
    static int resultCapacity(int size) {
        return size >= 0 ? HEAD_SIZE + 2 * FrameType.HEADER_LENGTH + size : 256;
    }

    /**
     * Writes the result frames after the writer index; throws the codec's {@link MicroException} (500) when the
     * value cannot be encoded, having written part of them.
     */
    static void writeResult(ByteBuf buf, HeaderBytes cache, int streamId, Codec codec, Object value, String callId,
            Map<String, String> metadata) {
        writeHead(buf, cache, streamId, codec, callId, metadata);
        int start = Frames.begin(buf, FrameType.DATA, FrameType.FLAG_END_STREAM, streamId);
        codec.encode(value, new ByteBufOutputStream(buf));
        Frames.end(buf, start);
    }

    /** The HEADERS that open a response stream. */
    static ByteBuf head(ByteBufAllocator alloc, HeaderBytes cache, int streamId, Codec codec, String callId,
            Map<String, String> metadata) {
        ByteBuf buf = alloc.buffer(HEAD_SIZE);
        writeHead(buf, cache, streamId, codec, callId, metadata);
        return buf;
    }

    /** The HEADERS(END_STREAM) that end a response stream without error. */
    static ByteBuf trailer(ByteBufAllocator alloc, int streamId, Map<String, String> metadata) {
        ByteBuf buf = alloc.buffer(32);
        int start = Frames.begin(buf, FrameType.HEADERS, FrameType.FLAG_END_STREAM, streamId);
        HeaderBlock headers = HeaderBlock.begin(buf);
        addMetadata(headers, metadata);
        headers.end();
        Frames.end(buf, start);
        return buf;
    }

    private static void writeHead(ByteBuf buf, HeaderBytes cache, int streamId, Codec codec, String callId,
            Map<String, String> metadata) {
        int start = Frames.begin(buf, FrameType.HEADERS, 0, streamId);
        HeaderBlock headers = HeaderBlock.begin(buf, cache).add(WireHeaders.CONTENT_TYPE, codec.contentType());
        if (callId != null) {
            headers.add(WireHeaders.ID, callId);
        }
        addMetadata(headers, metadata);
        headers.end();
        Frames.end(buf, start);
    }

    private static void addMetadata(HeaderBlock headers, Map<String, String> metadata) {
        if (metadata != null) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (!WireHeaders.isReserved(e.getKey())) {
                    headers.add(e.getKey(), e.getValue());
                }
            }
        }
    }
}
