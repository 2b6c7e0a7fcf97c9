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
 * <p>Threads: a {@linkplain #blocking() blocking} handler is called on one of the server's worker threads, and
 * may block it. A non-blocking handler promises never to block the thread that calls it (it answers at once, or
 * returns a stage that other code completes later); the server may then call it, and for streams deliver its
 * requests and ask its publisher for more, on the connection's event loop, which saves a thread hand-off per
 * call. A handler that breaks the promise stalls every call of that connection while it blocks. The
 * definitions made with the shorter constructors are blocking.
 *
 * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
 * @param requestType the Java type requests are decoded to
 * @param responseType the Java type of responses
 * @param idempotent whether the endpoint may safely run more than once
 * @param handler the code that serves it
 * @param kind the shape of the endpoint
 * @param blocking whether the handler may block the thread that calls it
 */
public record EndpointDefinition(String name, Type requestType, Type responseType, boolean idempotent,
        Handler handler, CallKind kind, boolean blocking) {

    /**
     * Validates and copies the components.
     *
     * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
     * @param requestType the Java type requests are decoded to
     * @param responseType the Java type of responses
     * @param idempotent whether the endpoint may safely run more than once
     * @param handler the code that serves it
     * @param kind the shape of the endpoint
     * @param blocking whether the handler may block the thread that calls it
     */
    public EndpointDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A blocking endpoint.
     *
     * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
     * @param requestType the Java type requests are decoded to
     * @param responseType the Java type of responses
     * @param idempotent whether the endpoint may safely run more than once
     * @param handler the code that serves it
     * @param kind the shape of the endpoint
     */
    public EndpointDefinition(String name, Type requestType, Type responseType, boolean idempotent,
            Handler handler, CallKind kind) {
        this(name, requestType, responseType, idempotent, handler, kind, true);
    }

    /**
     * A blocking {@link CallKind#UNARY} endpoint.
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

    /**
     * This endpoint with the given promise about blocking.
     *
     * @param blocks whether the handler may block the thread that calls it
     * @return a copy with {@link #blocking()} set
     */
    public EndpointDefinition withBlocking(boolean blocks) {
        return new EndpointDefinition(name, requestType, responseType, idempotent, handler, kind, blocks);
    }
}
