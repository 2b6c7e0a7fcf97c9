package dev.microcdi.api.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service that a {@link Server} serves: its name, version, metadata and endpoints.
 *
 * @param name the service name
 * @param version the version
 * @param metadata registry metadata of the service; never null
 * @param endpoints the endpoints; never null
 */
public record ServiceDefinition(String name, String version, Map<String, String> metadata,
        List<EndpointDefinition> endpoints) {

    /**
     * Validates and copies the components.
     *
     * @param name the service name
     * @param version the version
     * @param metadata registry metadata of the service; never null
     * @param endpoints the endpoints; never null
     */
    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        version = version == null || version.isBlank() ? "latest" : version;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
