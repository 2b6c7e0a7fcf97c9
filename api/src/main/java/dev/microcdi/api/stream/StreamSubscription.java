package dev.microcdi.api.stream;

/**
 * A running consumer started by {@link EventStream#consume(String, ConsumeOptions, EventHandler)}. Closing it
 * stops deliveries: no handler call starts afterwards, and deliveries not yet settled are delivered again to
 * the group's other members (or to this group when it consumes again). Closing keeps the group's position;
 * it is idempotent and thread-safe.
 */
public interface StreamSubscription extends AutoCloseable {

    /**
     * The topic consumed.
     *
     * @return the topic
     */
    String topic();

    /**
     * The consumer group.
     *
     * @return the group, empty for a fan-out consumer
     */
    String group();

    /** Stops consuming. */
    @Override
    void close();
}
