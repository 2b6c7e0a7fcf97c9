package dev.microcdi.api.client;

import java.util.Map;
import java.util.Objects;

/**
 * One call to make.
 *
 * @param service the service name, e.g. {@code greeter}
 * @param endpoint the endpoint, {@code Interface.Method}, e.g. {@code Greeter.Hello}
 * @param body the request message
 * @param contentType the codec to encode with, or null for the codec preferred for the body's type
 * @param metadata headers sent with the call (e.g. {@code Authorization}); never null
 */
public record Request(String service, String endpoint, Object body, String contentType,
        Map<String, String> metadata) {

    /**
     * Validates and copies the components.
     *
     * @param service the service name, e.g. {@code greeter}
     * @param endpoint the endpoint, {@code Interface.Method}, e.g. {@code Greeter.Hello}
     * @param body the request message
     * @param contentType the codec to encode with, or null for the codec preferred for the body's type
     * @param metadata headers sent with the call (e.g. {@code Authorization}); never null
     */
    public Request {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(endpoint, "endpoint");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * A request with the preferred codec and no metadata.
     *
     * @param service the service name
     * @param endpoint the endpoint name
     * @param body the request message
     * @return the request
     */
    public static Request of(String service, String endpoint, Object body) {
        return new Request(service, endpoint, body, null, Map.of());
    }
}
