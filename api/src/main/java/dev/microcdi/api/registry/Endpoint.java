package dev.microcdi.api.registry;

import java.util.Map;
import java.util.Objects;

/**
 * An endpoint of a service as advertised in the registry.
 *
 * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
 * @param request the shape of the request, may be null
 * @param response the shape of the response, may be null
 * @param metadata endpoint metadata, e.g. {@code idempotent=true}; never null
 */
public record Endpoint(String name, Value request, Value response, Map<String, String> metadata) {

    /**
     * Validates and copies the components.
     *
     * @param name {@code Interface.Method}, e.g. {@code Greeter.Hello}
     * @param request the shape of the request, may be null
     * @param response the shape of the response, may be null
     * @param metadata endpoint metadata, e.g. {@code idempotent=true}; never null
     */
    public Endpoint {
        Objects.requireNonNull(name, "name");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
