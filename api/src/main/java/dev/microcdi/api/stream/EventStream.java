package dev.microcdi.api.stream;

import java.util.concurrent.CompletionStage;

/**
 * Durable event streams on named topics, Go Micro's {@code events.Stream}. Events are stored when published
 * and delivered to each consumer, or to one member of each consumer group, <b>at least once</b>: an event is
 * delivered again until it is acknowledged, so a handler may see one event more than once (after a crash, a
 * refusal or an expired {@code ackWait}) and should be idempotent, for example by remembering
 * {@link Event#id()}. Events of a topic are delivered in the order they were stored, except for redeliveries.
 *
 * <p>Errors are {@link dev.microcdi.api.MicroException}s: 400 for a blank topic or invalid options (portable
 * topic names use letters, digits, {@code .}, {@code -} and {@code _}), 413 for a payload over the stream's
 * limit, 501 for an offset kind the stream cannot honour, 503 when the backend is unreachable or the stream
 * is closed. Implementations are thread-safe.
 *
 * <p>Providers: {@code memory} (the default, in-process, events kept up to a configured count and age),
 * {@code nats} (NATS JetStream) and {@code redis} (Redis Streams).
 */
public interface EventStream extends AutoCloseable {

    /**
     * Stores an event on a topic without blocking.
     *
     * @param topic the topic
     * @param payload the payload; copied
     * @param options the metadata and timestamp
     * @return the stored event, with its id and timestamp, once the backend has stored it; or a stage failed
     *         with a {@link dev.microcdi.api.MicroException}
     */
    CompletionStage<Event> publish(String topic, byte[] payload, PublishOptions options);

    /**
     * Starts consuming a topic.
     *
     * @param topic the topic
     * @param options the group, offset, acknowledgement and retry options
     * @param handler called for each delivery
     * @return the running consumer, which the caller closes
     * @throws dev.microcdi.api.MicroException 400 for a blank topic or a dead-letter topic equal to
     *         {@code topic}, 501 for an unsupported offset, 503 when the backend is unreachable
     */
    StreamSubscription consume(String topic, ConsumeOptions options, EventHandler handler);

    /** Stops every consumer of this stream and releases its resources. Idempotent. */
    @Override
    void close();
}
