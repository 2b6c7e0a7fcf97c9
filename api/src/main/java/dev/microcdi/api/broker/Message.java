package dev.microcdi.api.broker;

import java.util.Arrays;
import java.util.Map;

/**
 * A message published on a broker topic: headers and an opaque body, as Go Micro's {@code broker.Message}. The
 * HTTP broker sends it as {@code {"Header":{...},"Body":"<base64>"}}, so Go and Java subscribers read the same
 * messages.
 *
 * <p>The body is copied when the message is made and each time it is read, so a message is immutable and
 * safe to share between threads. Two messages are equal when their headers are equal and their bodies hold
 * the same bytes.
 *
 * @param header the headers, e.g. {@code Content-Type} and {@code Micro-Topic}; never null, no null names or
 *               values
 * @param body the payload; null becomes empty
 */
public record Message(Map<String, String> header, byte[] body) {

    /**
     * Validates and copies the components.
     *
     * @param header the headers, e.g. {@code Content-Type} and {@code Micro-Topic}; never null, no null names or
     *   values
     * @param body the payload; null becomes empty
     */
    public Message {
        header = header == null ? Map.of() : Map.copyOf(header);
        body = body == null ? new byte[0] : body.clone();
    }

    /**
     * A message without headers.
     *
     * @param body the payload; copied
     * @return the message
     */
    public static Message of(byte[] body) {
        return new Message(Map.of(), body);
    }

    /**
     * The payload.
     *
     * @return a copy of the payload bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The size of the payload, read without copying it (for size limits).
     *
     * @return the number of payload bytes
     */
    public int bodySize() {
        return body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && header.equals(m.header) && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Message[header=" + header + ", body=" + body.length + " bytes]";
    }
}
