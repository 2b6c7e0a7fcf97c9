package dev.microcdi.cdi;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.Topic;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Delivery;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.stream.ConsumeOptions;
import dev.microcdi.api.stream.EventDelivery;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.Offset;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Bridges broker and stream subscriptions to {@code @Topic} observer methods. One subscription per
 * {@link Key}: each received message is decoded by its {@code Content-Type} to the observed type and fired with
 * the {@link Received} qualifier of that key, to the synchronous observers ({@code fire}) and then the
 * asynchronous ones ({@code fireAsync}, awaited). A normal return acknowledges a stream event; an exception
 * refuses it. An undecodable payload is published on the dead-letter topic with the reason, logged once, and
 * acknowledged. Thread-safe after {@link #start}.
 */
final class TopicBridge {
    private static final System.Logger LOG = System.getLogger(TopicBridge.class.getName());

    /**
     * One subscription.
     *
     * @param topic the topic annotation of the first observer (its value, queue, stream, retry limit and
     *              dead-letter topic)
     * @param type the observed type
     */
    record Key(Topic topic, Class<?> type) {
        String name() {
            return (topic.stream() ? "stream:" : "broker:") + topic.value() + "|" + topic.queue() + "|"
                    + type.getName();
        }

        String deadLetter() {
            return topic.deadLetter().isBlank() ? topic.value() + Topic.DEAD_LETTER_SUFFIX : topic.deadLetter();
        }
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();
    private final Map<String, boolean[]> modes = new LinkedHashMap<>();
    private final List<AutoCloseable> running = new ArrayList<>();

    /**
     * Adds an observer method.
     *
     * @param topic its topic annotation
     * @param type the observed type
     * @param async whether it is an {@code @ObservesAsync} observer
     * @return the subscription key to qualify it with
     */
    synchronized String add(Topic topic, Class<?> type, boolean async) {
        Key key = new Key(topic, type);
        String name = key.name();
        keys.putIfAbsent(name, key);
        boolean[] m = modes.computeIfAbsent(name, n -> new boolean[2]);
        m[async ? 1 : 0] = true;
        return name;
    }

    synchronized boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Subscribes every key. */
    synchronized void start(BeanManager bm, Settings settings, Codecs codecs, Supplier<Broker> broker,
            Supplier<EventStream> stream) {
        Offset offset = "earliest".equalsIgnoreCase(settings.string("micro.stream.offset", "latest"))
                ? Offset.earliest() : Offset.latest();
        for (Map.Entry<String, Key> e : keys.entrySet()) {
            Key key = e.getValue();
            boolean[] m = modes.get(e.getKey());
            Event<Object> event = bm.getEvent().select(key.topic(), new Received.Literal(e.getKey()));
            Dispatch dispatch = new Dispatch(key, event, m[0], m[1], codecs);
            Topic t = key.topic();
            if (t.stream()) {
                ConsumeOptions options = ConsumeOptions.builder().group(t.queue()).offset(offset)
                        .retryLimit(t.retryLimit()).deadLetterTopic(key.deadLetter()).build();
                running.add(stream.get().consume(t.value(), options, dispatch::onEvent));
            } else {
                running.add(broker.get().subscribe(t.value(), SubscribeOptions.queue(t.queue()),
                        d -> dispatch.onMessage(d, broker.get())));
            }
            LOG.log(Level.INFO, "Observing {0} {1}{2} as {3}", t.stream() ? "stream" : "broker topic", t.value(),
                    t.queue().isEmpty() ? "" : " in group " + t.queue(), key.type().getSimpleName());
        }
    }

    /** Closes every subscription. Idempotent. */
    synchronized void stop() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "Closing a topic subscription failed", e);
            }
        }
        running.clear();
    }

    private record Dispatch(Key key, Event<Object> event, boolean sync, boolean async, Codecs codecs) {

        void onMessage(Delivery d, Broker broker) {
            Message m = d.message();
            Object payload;
            try {
                payload = decode(m.header(), m.body());
            } catch (RuntimeException e) {
                String reason = reason(e);
                LOG.log(Level.WARNING, "Undecodable message on {0} sent to {1}: {2}", d.topic(), key.deadLetter(),
                        reason);
                Map<String, String> header = new LinkedHashMap<>(m.header());
                header.put(ConsumeOptions.REASON, reason);
                header.put(ConsumeOptions.ORIGINAL_TOPIC, d.topic());
                broker.publish(key.deadLetter(), new Message(header, m.body())).whenComplete((v, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.WARNING, "The undecodable message on {0} could not be dead-lettered: {1}",
                                d.topic(), failure.toString());
                    }
                });
                return;
            }
            fire(payload);
        }

        void onEvent(EventDelivery d) {
            Object payload;
            try {
                payload = decode(d.event().metadata(), d.event().payload());
            } catch (RuntimeException e) {
                String reason = reason(e);
                LOG.log(Level.WARNING, "Undecodable event {0} on {1} sent to {2}: {3}", d.event().id(),
                        d.event().topic(), key.deadLetter(), reason);
                d.reject(reason);
                return;
            }
            fire(payload);
        }

        private void fire(Object payload) {
            if (sync) {
                event.fire(payload);
            }
            if (async) {
                try {
                    event.fireAsync(payload).toCompletableFuture().join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        }

        private Object decode(Map<String, String> headers, byte[] body) {
            String contentType = "application/json";
            for (Map.Entry<String, String> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase("Content-Type")) {
                    contentType = h.getValue();
                }
            }
            Object value = codecs.forContentType(contentType).decode(new ByteArrayInputStream(body), key.type());
            if (value == null) {
                throw MicroException.badRequest("micro.broker", "the payload decodes to null, not a %s",
                        key.type().getName());
            }
            return value;
        }

        private static String reason(RuntimeException e) {
            return e instanceof MicroException m ? m.detail() : e.toString();
        }
    }
}
