package dev.microcdi.api;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an observer method or a publisher to a topic of the configured broker ({@code micro.broker}) or, with
 * {@link #stream()}, of the configured event stream ({@code micro.stream}).
 *
 * <h2>Observing</h2>
 * <pre>{@code
 * void onOrder(@Observes @Topic("orders") OrderPlaced e) { ... }                        // every message
 * void bill(@Observes @Topic(value = "orders", queue = "billing") OrderPlaced e) { ... } // one member of billing
 * void ship(@ObservesAsync @Topic(value = "orders", stream = true, queue = "shipping") OrderPlaced e) { ... }
 * }</pre>
 * The payload is decoded to the observed type by the message's {@code Content-Type} (JSON when absent;
 * protobuf for {@code application/protobuf}). Each message reaches each subscribing application once: the
 * extension subscribes once per topic, queue, mode and observed type, and notifies only the observer methods of
 * that subscription. Such an observer is never notified by a local {@code Event.fire}, so a message is not
 * delivered twice.
 *
 * <p>On a broker, delivery is at most once. On a stream ({@code stream = true}), delivery is at least once: the
 * observer returning normally acknowledges the event; throwing refuses it, and it is delivered again up to
 * {@link #retryLimit()} times, then published on the dead-letter topic. A payload that does not decode goes to
 * the dead-letter topic at once with the reason (metadata or header {@code Micro-Dead-Letter-Reason}), is logged
 * once, and does not hold up the topic. Observers of a stream should be idempotent (deduplicate by an id carried
 * in the event).
 *
 * <h2>Publishing</h2>
 * <pre>{@code @Inject @Topic("orders") Publisher<OrderPlaced> orders;}</pre>
 * See {@link dev.microcdi.api.broker.Publisher}.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Topic {

    /** Suffix of the default dead-letter topic: {@code orders} dead-letters to {@code orders.dead-letter}. */
    String DEAD_LETTER_SUFFIX = ".dead-letter";

    /**
     * The topic name: letters, digits, {@code .}, {@code -}, {@code _}.
     *
     * @return the topic
     */
    String value();

    /**
     * The queue group (broker) or consumer group (stream): members of one group share the topic's messages,
     * each going to one of them.
     *
     * @return the group, empty (every subscriber gets every message) by default
     */
    @Nonbinding
    String queue() default "";

    /**
     * Whether the topic is on the durable event stream ({@code micro.stream}) rather than the broker
     * ({@code micro.broker}). Binding: {@code @Topic("orders")} and {@code @Topic(value = "orders", stream =
     * true)} are different publishers.
     *
     * @return true for the stream, false (the default) for the broker
     */
    boolean stream() default false;

    /**
     * Stream only: how many times a refused event is delivered again before it is dead-lettered.
     *
     * @return the limit, 5 by default; -1 for no limit
     */
    @Nonbinding
    int retryLimit() default 5;

    /**
     * Where undecodable messages, and stream events past the retry limit, are published.
     *
     * @return the dead-letter topic; empty (the default) for the topic's name followed by
     *         {@value #DEAD_LETTER_SUFFIX}
     */
    @Nonbinding
    String deadLetter() default "";
}
