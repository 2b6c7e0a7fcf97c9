package dev.microcdi.api.broker;

/**
 * One message as a subscriber receives it, with the means to acknowledge it (Go Micro's {@code broker.Event}).
 * Valid while the handler runs and, for manual acknowledgement, until {@link #ack()} is called. Thread-safe.
 */
public interface Delivery {

    /**
     * The topic the message was published on.
     *
     * @return the topic
     */
    String topic();

    /**
     * The message.
     *
     * @return the message as published
     */
    Message message();

    /**
     * Acknowledges the message: a broker that redelivers will not deliver it again to this subscription or
     * its queue group. Only the first call counts. Brokers without acknowledgement (the HTTP, memory and core
     * NATS brokers, which deliver at most once) treat it as a no-op, as Go Micro's HTTP broker does.
     *
     * @throws dev.microcdi.api.MicroException 503 when the broker cannot be reached to record the
     *         acknowledgement
     */
    void ack();
}
