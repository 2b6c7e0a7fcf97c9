package dev.microcdi.api.broker;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Publishes typed events on one topic, injected with the topic as qualifier:
 * <pre>{@code
 * @Inject @Topic("orders") Publisher<OrderPlaced> orders;                 // through the broker
 * @Inject @Topic(value = "orders", stream = true) Publisher<OrderPlaced> log; // onto the durable stream
 * orders.publish(new OrderPlaced(id, total)).toCompletableFuture().join();
 * }</pre>
 * The event is encoded by the codec that supports its type (protobuf for protobuf messages, JSON otherwise) and
 * its {@code Content-Type} goes with it, as Go Micro's {@code client.Publish} does. Thread-safe.
 *
 * @param <T> the event type
 */
public interface Publisher<T> {

    /**
     * Publishes an event.
     *
     * @param event the event; never null
     * @return completes when the broker accepted the message or the stream stored the event; fails with a
     *         {@link dev.microcdi.api.MicroException} (for example 503 when the broker's outbox is full: publish
     *         again later)
     */
    default CompletionStage<Void> publish(T event) {
        return publish(event, Map.of());
    }

    /**
     * Publishes an event with headers (broker) or metadata (stream).
     *
     * @param event the event; never null
     * @param headers extra headers, e.g. a trace id; {@code Content-Type} is set from the codec
     * @return as {@link #publish(Object)}
     */
    CompletionStage<Void> publish(T event, Map<String, String> headers);

    /**
     * The topic published on.
     *
     * @return the topic
     */
    String topic();
}
