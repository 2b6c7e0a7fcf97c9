package dev.microcdi.api.server;

import dev.microcdi.api.CallKind;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * One endpoint that a {@link Server} serves.
 *
 * <p>For streaming kinds the {@link Handler} contract widens: when the kind
 * {@linkplain CallKind#streamsRequests() streams requests}, the handler's request is a
 * {@link java.util.concurrent.Flow.Publisher} of decoded requests (of {@code requestType}), which it may
 * subscribe to once; when the kind {@linkplain CallKind#streamsResponses() streams responses}, the handler's
 * stage completes with a {@link java.util.concurrent.Flow.Publisher} of responses (of {@code responseType}),
 * which the server subscribes to and drains as fast as the caller grants credit.
 *
 * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
 * @param requestType the Java type requests are decoded to
 * @param responseType the Java type of responses
 * @param idempotent whether the endpoint may safely run more than once
 * @param handler the code that serves it
 * @param kind the shape of the endpoint
 */
public record EndpointDefinition(String name, Type requestType, Type responseType, boolean idempotent,
        Handler handler, CallKind kind) {

    /**
     * Validates and copies the components.
     *
     * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
     * @param requestType the Java type requests are decoded to
     * @param responseType the Java type of responses
     * @param idempotent whether the endpoint may safely run more than once
     * @param handler the code that serves it
     * @param kind the shape of the endpoint
     */
    public EndpointDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A {@link CallKind#UNARY} endpoint.
     *
     * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
     * @param requestType the Java type requests are decoded to
     * @param responseType the Java type of responses
     * @param idempotent whether the endpoint may safely run more than once
     * @param handler the code that serves it
     */
    public EndpointDefinition(String name, Type requestType, Type responseType, boolean idempotent,
            Handler handler) {
        this(name, requestType, responseType, idempotent, handler, CallKind.UNARY);
    }
}
