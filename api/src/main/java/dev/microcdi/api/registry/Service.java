package dev.microcdi.api.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A service as the registry holds it: one name and version with its endpoints and the nodes that serve it.
 * {@link Registry#getService(String)} returns one {@code Service} per version. The JSON field names of Go
 * Micro are the component names.
 *
 * @param name the service name, e.g. {@code greeter}; never blank
 * @param version the version, e.g. {@code 1.0.0} or {@code latest}
 * @param metadata service-level metadata; never null
 * @param endpoints the endpoints; never null
 * @param nodes the nodes serving this version; never null
 */
public record Service(String name, String version, Map<String, String> metadata, List<Endpoint> endpoints,
        List<Node> nodes) {

    /**
     * Validates and copies the components.
     *
     * @param name the service name, e.g. {@code greeter}; never blank
     * @param version the version, e.g. {@code 1.0.0} or {@code latest}
     * @param metadata service-level metadata; never null
     * @param endpoints the endpoints; never null
     * @param nodes the nodes serving this version; never null
     */
    public Service {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("service name is blank");
        }
        version = version == null || version.isBlank() ? "latest" : version;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /**
     * This service with other nodes.
     *
     * @param newNodes the nodes
     * @return a copy with {@code newNodes}
     */
    public Service withNodes(List<Node> newNodes) {
        return new Service(name, version, metadata, endpoints, newNodes);
    }
}
