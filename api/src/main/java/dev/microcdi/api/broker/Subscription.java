package dev.microcdi.api.broker;

/**
 * A running subscription made by {@link Broker#subscribe(String, SubscribeOptions, MessageHandler)}. Closing
 * it unsubscribes: no handler call starts afterwards (calls already running finish). Closing is idempotent and
 * thread-safe.
 */
public interface Subscription extends AutoCloseable {

    /**
     * The topic subscribed to.
     *
     * @return the topic
     */
    String topic();

    /**
     * The queue group of this subscription.
     *
     * @return the group, empty when the subscription gets every message
     */
    String queue();

    /** Unsubscribes. */
    @Override
    void close();
}
