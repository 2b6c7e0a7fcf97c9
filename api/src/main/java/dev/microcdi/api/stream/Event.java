package dev.microcdi.api.stream;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One event of a stream, Go Micro's {@code events.Event}.
 *
 * <p>The payload is copied when the event is made and each time it is read, so an event is immutable and safe
 * to share between threads. Two events are equal when every component is, the payloads compared byte by byte.
 *
 * @param id unique within the topic, assigned by the stream on publish; never blank
 * @param topic the topic the event was published on; never blank
 * @param timestamp when the event happened: the publisher's {@link PublishOptions#timestamp()}, or the time of
 *                  publishing; never null
 * @param metadata the publisher's metadata; never null, no null names or values
 * @param payload the opaque payload; null becomes empty
 */
public record Event(String id, String topic, Instant timestamp, Map<String, String> metadata, byte[] payload) {

    /**
     * Validates and copies the components.
     *
     * @param id unique within the topic, assigned by the stream on publish; never blank
     * @param topic the topic the event was published on; never blank
     * @param timestamp when the event happened: the publisher's {@link PublishOptions#timestamp()}, or the time
     *   of publishing; never null
     * @param metadata the publisher's metadata; never null, no null names or values
     * @param payload the opaque payload; null becomes empty
     */
    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        if (id.isBlank()) {
            throw new IllegalArgumentException("event id is blank");
        }
        if (topic.isBlank()) {
            throw new IllegalArgumentException("event topic is blank");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        payload = payload == null ? new byte[0] : payload.clone();
    }

    /**
     * The payload.
     *
     * @return a copy of the payload bytes
     */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /**
     * The size of the payload, read without copying it.
     *
     * @return the number of payload bytes
     */
    public int payloadSize() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && id.equals(e.id) && topic.equals(e.topic) && timestamp.equals(e.timestamp)
                && metadata.equals(e.metadata) && Arrays.equals(payload, e.payload);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(id, topic, timestamp, metadata) + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Event[id=" + id + ", topic=" + topic + ", timestamp=" + timestamp + ", metadata=" + metadata
                + ", payload=" + payload.length + " bytes]";
    }
}
