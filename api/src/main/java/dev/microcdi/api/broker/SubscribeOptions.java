package dev.microcdi.api.broker;

/**
 * Options of {@link Broker#subscribe(String, SubscribeOptions, MessageHandler)}, as Go Micro's
 * {@code SubscribeOptions}.
 *
 * @param queue the queue group: the subscribers of one group share the messages of the topic, each message
 *              going to one of them; empty (the default) means this subscriber gets every message. Null
 *              becomes empty.
 * @param autoAck whether a message is acknowledged when the handler returns normally (default true); when
 *                false the handler calls {@link Delivery#ack()} itself
 */
public record SubscribeOptions(String queue, boolean autoAck) {

    /** Every subscriber gets every message, acknowledged when its handler returns. */
    public static final SubscribeOptions DEFAULT = new SubscribeOptions("", true);

    /**
     * Validates and copies the components.
     *
     * @param queue the queue group: the subscribers of one group share the messages of the topic, each message
     *   going to one of them; empty (the default) means this subscriber gets every message. Null becomes empty.
     * @param autoAck whether a message is acknowledged when the handler returns normally (default true); when
     *   false the handler calls {@link Delivery#ack()} itself
     */
    public SubscribeOptions {
        queue = queue == null ? "" : queue.strip();
    }

    /**
     * The default options in a queue group.
     *
     * @param queue the queue group
     * @return the options
     */
    public static SubscribeOptions queue(String queue) {
        return new SubscribeOptions(queue, true);
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link SubscribeOptions}; not thread-safe. */
    public static final class Builder {
        private String queue = DEFAULT.queue();
        private boolean autoAck = DEFAULT.autoAck();

        private Builder() {
        }

        /**
         * Sets the queue group.
         *
         * @param value the group, empty for none
         * @return this builder
         */
        public Builder queue(String value) {
            this.queue = value;
            return this;
        }

        /**
         * Sets whether messages are acknowledged when the handler returns.
         *
         * @param value true to acknowledge automatically
         * @return this builder
         */
        public Builder autoAck(boolean value) {
            this.autoAck = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public SubscribeOptions build() {
            return new SubscribeOptions(queue, autoAck);
        }
    }
}
