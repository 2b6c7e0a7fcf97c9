package dev.microcdi.api.server;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * One endpoint that a {@link Server} serves.
 *
 * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
 * @param requestType the Java type requests are decoded to
 * @param responseType the Java type of responses
 * @param idempotent whether the endpoint may safely run more than once
 * @param handler the code that serves it
 */
public record EndpointDefinition(String name, Type requestType, Type responseType, boolean idempotent,
        Handler handler) {

    /**
     * Validates and copies the components.
     *
     * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
     * @param requestType the Java type requests are decoded to
     * @param responseType the Java type of responses
     * @param idempotent whether the endpoint may safely run more than once
     * @param handler the code that serves it
     */
    public EndpointDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(requestType, "requestType");
        Objects.requireNonNull(responseType, "responseType");
        Objects.requireNonNull(handler, "handler");
    }
}
