package dev.microcdi.cdi;

import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.Publisher;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.PublishOptions;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The {@link Publisher} bean of an {@code @Inject @Topic(...) Publisher<T>} injection point. */
final class TypedPublisher<T> implements Publisher<T> {
    private final String topic;
    private final Type type;
    private final boolean stream;
    private final Supplier<Codecs> codecs;
    private final Supplier<Broker> broker;
    private final Supplier<EventStream> events;

    TypedPublisher(String topic, Type type, boolean stream, Supplier<Codecs> codecs, Supplier<Broker> broker,
            Supplier<EventStream> events) {
        this.topic = topic;
        this.type = type;
        this.stream = stream;
        this.codecs = codecs;
        this.broker = broker;
        this.events = events;
    }

    @Override
    public CompletionStage<Void> publish(T event, Map<String, String> headers) {
        Objects.requireNonNull(event, "event");
        try {
            Codec codec = codecs.get().forType(type);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            codec.encode(event, out);
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put("Content-Type", codec.contentType());
            if (stream) {
                return events.get().publish(topic, out.toByteArray(), PublishOptions.builder().metadata(all).build())
                        .thenApply(stored -> null);
            }
            return broker.get().publish(topic, new Message(all, out.toByteArray()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String topic() {
        return topic;
    }
}
