package dev.microcdi.api.selector;

import dev.microcdi.api.registry.Service;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Narrows the versions and nodes of a service before selection, as Go Micro's select filters do.
 */
@FunctionalInterface
public interface ServiceFilter {

    /**
     * Filters the services.
     *
     * @param services the versions of one service with their nodes
     * @return the versions and nodes to keep
     */
    List<Service> filter(List<Service> services);

    /**
     * Keeps only one version.
     *
     * @param version the version to keep
     * @return the filter
     */
    static ServiceFilter version(String version) {
        Objects.requireNonNull(version, "version");
        return services -> services.stream().filter(s -> s.version().equals(version)).toList();
    }

    /**
     * Keeps only nodes whose metadata has a value.
     *
     * @param key the metadata key
     * @param value the value it must have
     * @return the filter
     */
    static ServiceFilter nodeMetadata(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return services -> services.stream()
                .map(s -> s.withNodes(s.nodes().stream().filter(n -> value.equals(n.metadata().get(key))).toList()))
                .filter(s -> !s.nodes().isEmpty()).toList();
    }

    /**
     * Keeps only versions that advertise an endpoint; versions that advertise no endpoints at all are kept.
     *
     * @param endpoint the endpoint name, e.g. {@code Greeter.Hello}
     * @return the filter
     */
    static ServiceFilter endpoint(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return services -> services.stream().filter(s -> s.endpoints().isEmpty()
                || s.endpoints().stream().anyMatch(e -> e.name().equals(endpoint))).toList();
    }

    /**
     * Keeps only nodes whose metadata holds every given entry.
     *
     * @param labels the entries
     * @return the filter
     */
    static ServiceFilter labels(Map<String, String> labels) {
        Map<String, String> copy = Map.copyOf(labels);
        return services -> services.stream()
                .map(s -> s.withNodes(s.nodes().stream()
                        .filter(n -> n.metadata().entrySet().containsAll(copy.entrySet())).toList()))
                .filter(s -> !s.nodes().isEmpty()).toList();
    }
}
