package dev.microcdi.api.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link EventStream#consume(String, ConsumeOptions, EventHandler)}, Go Micro's {@code WithGroup},
 * {@code WithOffset}, {@code WithAutoAck} and {@code WithRetryLimit}, plus a dead-letter topic and a
 * redelivery delay.
 *
 * <p>A delivery that is not settled is delivered again: after {@link EventDelivery#nack()} once the
 * redelivery delay has passed, and after {@code ackWait} when it was neither acknowledged nor refused (the
 * consumer died or hung). After {@code retryLimit} redeliveries the event is not delivered again: it is
 * published on the dead-letter topic when one is set, with metadata {@value #ORIGINAL_TOPIC} (the topic it came
 * from) and {@value #ATTEMPTS} (how many deliveries failed) added, and dropped otherwise.
 *
 * @param group the consumer group: the consumers of one group share the topic's events, each event going to
 *              one of them, and the group's position survives restarts on streams that persist it; empty (the
 *              default, Go Micro's random group) means this consumer gets every event on its own. Null
 *              becomes empty.
 * @param offset where a new consumer or group starts; default {@link Offset#latest()}
 * @param autoAck whether a delivery is acknowledged when the handler returns normally and refused
 *                ({@code nack}) when it throws; default true
 * @param ackWait how long a delivery may stay unsettled before it is delivered again; required (positive) when
 *                {@code autoAck} is false, as in Go Micro; null with {@code autoAck} means the stream's own
 *                setting ({@code micro.stream.ack-wait}, 30 s)
 * @param retryLimit how many times an event is delivered again after its first delivery fails; -1 (the
 *                   default) for no limit, 0 to deliver only once
 * @param deadLetterTopic where events go once the retry limit is reached; empty (the default) for none, in
 *                        which case they are dropped. Null becomes empty.
 * @param redeliveryDelay how long a refused delivery waits before it is delivered again when
 *                        {@link EventDelivery#nack()} names no delay; default zero
 */
public record ConsumeOptions(String group, Offset offset, boolean autoAck, Duration ackWait, int retryLimit,
        String deadLetterTopic, Duration redeliveryDelay) {

    /** Metadata key of a dead-lettered event: the topic it was consumed from. */
    public static final String ORIGINAL_TOPIC = "Micro-Original-Topic";

    /** Metadata key of a dead-lettered event: how many deliveries of it failed, in decimal. */
    public static final String ATTEMPTS = "Micro-Attempts";

    /** Metadata key of a dead-lettered event: the last failure, or the reason given to {@link EventDelivery#reject}. */
    public static final String REASON = "Micro-Dead-Letter-Reason";

    /** Fan-out from the latest event, acknowledged automatically, retried without limit. */
    public static final ConsumeOptions DEFAULT =
            new ConsumeOptions("", Offset.latest(), true, null, -1, "", Duration.ZERO);

    /**
     * Validates and copies the components.
     *
     * @param group the consumer group: the consumers of one group share the topic's events, each event going
     *   to one of them, and the group's position survives restarts on streams that persist it; empty (the
     *   default, Go Micro's random group) means this consumer gets every event on its own. Null becomes empty.
     * @param offset where a new consumer or group starts; default {@link Offset#latest()}
     * @param autoAck whether a delivery is acknowledged when the handler returns normally and refused
     *   ({@code nack}) when it throws; default true
     * @param ackWait how long a delivery may stay unsettled before it is delivered again; required (positive)
     *   when {@code autoAck} is false, as in Go Micro; null with {@code autoAck} means the stream's own setting
     *   ({@code micro.stream.ack-wait}, 30 s)
     * @param retryLimit how many times an event is delivered again after its first delivery fails; -1 (the
     *   default) for no limit, 0 to deliver only once
     * @param deadLetterTopic where events go once the retry limit is reached; empty (the default) for none, in
     *   which case they are dropped. Null becomes empty.
     * @param redeliveryDelay how long a refused delivery waits before it is delivered again when
     *   {@link EventDelivery#nack()} names no delay; default zero
     */
    public ConsumeOptions {
        group = group == null ? "" : group.strip();
        Objects.requireNonNull(offset, "offset");
        if (ackWait != null && (ackWait.isNegative() || ackWait.isZero())) {
            throw new IllegalArgumentException("ackWait must be positive: " + ackWait);
        }
        if (!autoAck && ackWait == null) {
            throw new IllegalArgumentException("ackWait is required when autoAck is false");
        }
        if (retryLimit < -1) {
            throw new IllegalArgumentException("retryLimit must be -1 (no limit) or more: " + retryLimit);
        }
        deadLetterTopic = deadLetterTopic == null ? "" : deadLetterTopic.strip();
        Objects.requireNonNull(redeliveryDelay, "redeliveryDelay");
        if (redeliveryDelay.isNegative()) {
            throw new IllegalArgumentException("redeliveryDelay must not be negative: " + redeliveryDelay);
        }
    }

    /**
     * The default options in a consumer group.
     *
     * @param group the group
     * @return the options
     */
    public static ConsumeOptions group(String group) {
        return builder().group(group).build();
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ConsumeOptions}; not thread-safe. */
    public static final class Builder {
        private String group = DEFAULT.group();
        private Offset offset = DEFAULT.offset();
        private boolean autoAck = DEFAULT.autoAck();
        private Duration ackWait = DEFAULT.ackWait();
        private int retryLimit = DEFAULT.retryLimit();
        private String deadLetterTopic = DEFAULT.deadLetterTopic();
        private Duration redeliveryDelay = DEFAULT.redeliveryDelay();

        private Builder() {
        }

        /**
         * Sets the consumer group.
         *
         * @param value the group, empty for fan-out
         * @return this builder
         */
        public Builder group(String value) {
            this.group = value;
            return this;
        }

        /**
         * Sets where a new consumer starts.
         *
         * @param value the offset
         * @return this builder
         */
        public Builder offset(Offset value) {
            this.offset = value;
            return this;
        }

        /**
         * Acknowledges deliveries automatically when the handler returns.
         *
         * @return this builder
         */
        public Builder autoAck() {
            this.autoAck = true;
            return this;
        }

        /**
         * Leaves acknowledgement to the handler, as Go Micro's {@code WithAutoAck(false, ackWait)}.
         *
         * @param value how long a delivery may stay unsettled before it is delivered again; positive
         * @return this builder
         */
        public Builder manualAck(Duration value) {
            this.autoAck = false;
            this.ackWait = value;
            return this;
        }

        /**
         * Sets how long a delivery may stay unsettled, keeping the acknowledgement mode.
         *
         * @param value a positive duration, or null for the stream's setting (automatic acknowledgement only)
         * @return this builder
         */
        public Builder ackWait(Duration value) {
            this.ackWait = value;
            return this;
        }

        /**
         * Sets how many times a failed event is delivered again.
         *
         * @param value -1 for no limit, or 0 or more
         * @return this builder
         */
        public Builder retryLimit(int value) {
            this.retryLimit = value;
            return this;
        }

        /**
         * Sets where events go once the retry limit is reached.
         *
         * @param value the topic, empty for none
         * @return this builder
         */
        public Builder deadLetterTopic(String value) {
            this.deadLetterTopic = value;
            return this;
        }

        /**
         * Sets the default delay before a refused delivery is delivered again.
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder redeliveryDelay(Duration value) {
            this.redeliveryDelay = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException when a value is out of range, or manual acknowledgement has no
         *         {@code ackWait}
         */
        public ConsumeOptions build() {
            return new ConsumeOptions(group, offset, autoAck, ackWait, retryLimit, deadLetterTopic,
                    redeliveryDelay);
        }
    }
}
