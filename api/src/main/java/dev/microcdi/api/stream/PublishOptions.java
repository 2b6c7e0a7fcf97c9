package dev.microcdi.api.stream;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Options of {@link EventStream#publish(String, byte[], PublishOptions)}, Go Micro's {@code WithMetadata} and
 * {@code WithTimestamp}.
 *
 * @param metadata metadata stored with the event; never null, no null names or values
 * @param timestamp the event's time, or null (the default) for the time of publishing
 */
public record PublishOptions(Map<String, String> metadata, Instant timestamp) {

    /** No metadata, timestamped when published. */
    public static final PublishOptions DEFAULT = new PublishOptions(Map.of(), null);

    /**
     * Validates and copies the components.
     *
     * @param metadata metadata stored with the event; never null, no null names or values
     * @param timestamp the event's time, or null (the default) for the time of publishing
     */
    public PublishOptions {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PublishOptions}; not thread-safe. */
    public static final class Builder {
        private final Map<String, String> metadata = new HashMap<>();
        private Instant timestamp;

        private Builder() {
        }

        /**
         * Adds one metadata entry.
         *
         * @param key the name
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        /**
         * Adds metadata entries.
         *
         * @param values the entries
         * @return this builder
         */
        public Builder metadata(Map<String, String> values) {
            this.metadata.putAll(values);
            return this;
        }

        /**
         * Sets the event's time.
         *
         * @param value the time, or null for the time of publishing
         * @return this builder
         */
        public Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public PublishOptions build() {
            return new PublishOptions(metadata, timestamp);
        }
    }
}
