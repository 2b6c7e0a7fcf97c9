package dev.microcdi.api.broker;

import java.util.concurrent.CompletionStage;

/**
 * Publish/subscribe messaging on named topics, Go Micro's {@code Broker}. Each message published on a topic
 * reaches every subscription of the topic without a queue group, and one member of each queue group. A
 * message published while nobody subscribes is dropped. Delivery is at most once for the HTTP, memory and core
 * NATS brokers; event streams ({@link dev.microcdi.api.stream.EventStream}) give at-least-once delivery.
 *
 * <p>Lifecycle: {@link #connect()} first, then publish and subscribe from any thread, then {@link #close()}.
 * Operations before {@code connect} or after {@code close} fail with 503.
 *
 * <p>Errors are {@link dev.microcdi.api.MicroException}s: 400 for a blank topic (portable topic names use
 * letters, digits, {@code .}, {@code -} and {@code _}; a broker rejects with 400 names its backend cannot
 * carry), 413 for a body over the broker's size limit, 503 when the broker is not connected, its backend is
 * unreachable, or its outbox is full. Implementations are thread-safe.
 *
 * <p>Providers: {@code http} (the default, Go Micro's HTTP broker: subscribers register as
 * {@code micro.http.broker} in the registry and receive JSON POSTs), {@code memory} (in-process) and
 * {@code nats}.
 */
public interface Broker extends AutoCloseable {

    /**
     * Connects to the backend or starts the broker's listener. Calling it again once connected does nothing.
     *
     * @throws dev.microcdi.api.MicroException 503 when the backend cannot be reached, 500 when a listener
     *         cannot be bound
     */
    void connect();

    /**
     * Publishes a message without blocking. The stage completes when the broker has accepted the message: sent
     * to the backend (nats), queued in the outbox (http, which posts to subscribers asynchronously as Go
     * Micro's broker does), or handed to the subscribers (memory). It does not wait for subscribers to handle
     * it.
     *
     * @param topic the topic
     * @param message the message
     * @return completes on acceptance; fails at once with 503 when the outbox limit is reached, so that a
     *         publisher faster than its subscribers is pushed back instead of filling memory
     */
    CompletionStage<Void> publish(String topic, Message message);

    /**
     * Subscribes a handler to a topic.
     *
     * @param topic the topic
     * @param options the queue group and acknowledgement mode
     * @param handler called for each message
     * @return the running subscription, which the caller closes
     * @throws dev.microcdi.api.MicroException 400 for a blank topic, 503 when not connected or the backend is
     *         unreachable
     */
    Subscription subscribe(String topic, SubscribeOptions options, MessageHandler handler);

    /**
     * Closes every subscription of this broker and disconnects. A broker with an outbox (http) first waits up
     * to its drain period for the outbox to empty; messages still in it afterwards are dropped. Idempotent.
     */
    @Override
    void close();
}
