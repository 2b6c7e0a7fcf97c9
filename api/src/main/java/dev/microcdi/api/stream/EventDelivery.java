package dev.microcdi.api.stream;

import java.time.Duration;

/**
 * One delivery of an event to a consumer, with the means to settle it. The first of {@link #ack()},
 * {@link #nack()} and {@link #nack(Duration)} settles the delivery; later calls are ignored. A delivery that is
 * never settled is delivered again after the consumer's {@link ConsumeOptions#ackWait()}. Thread-safe; it may
 * be settled from another thread after the handler returned.
 */
public interface EventDelivery {

    /**
     * The event.
     *
     * @return the event as published
     */
    Event event();

    /**
     * Which delivery of this event to this consumer or group this is.
     *
     * @return 1 for the first delivery, 2 for the first redelivery, and so on
     */
    int attempt();

    /**
     * Acknowledges the event: it is not delivered again to this consumer or group.
     *
     * @throws dev.microcdi.api.MicroException 503 when the stream cannot be reached; the event is then
     *         delivered again after {@code ackWait}
     */
    void ack();

    /**
     * Refuses the event: it is delivered again after the consumer's {@link ConsumeOptions#redeliveryDelay()},
     * or dead-lettered once the retry limit is reached.
     *
     * @throws dev.microcdi.api.MicroException 503 when the stream cannot be reached
     */
    void nack();

    /**
     * Refuses the event and asks for it to be delivered again after a delay.
     *
     * @param delay how long to wait before delivering it again; zero or more
     * @throws dev.microcdi.api.MicroException 503 when the stream cannot be reached
     * @throws IllegalArgumentException when the delay is negative
     */
    void nack(Duration delay);

    /**
     * Refuses the event for good, without further redelivery: it is published on the consumer's dead-letter
     * topic at once, with the reason in metadata {@value ConsumeOptions#REASON} (and the usual
     * {@value ConsumeOptions#ORIGINAL_TOPIC} and {@value ConsumeOptions#ATTEMPTS}), then acknowledged; without a
     * dead-letter topic it is dropped. Meant for events that can never succeed, such as a payload that does not
     * decode.
     *
     * @param reason why the event is refused, for the people reading the dead-letter topic
     * @throws dev.microcdi.api.MicroException 503 when the stream cannot be reached
     */
    void reject(String reason);
}
