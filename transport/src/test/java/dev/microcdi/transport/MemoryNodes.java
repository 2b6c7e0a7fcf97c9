package dev.microcdi.transport;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A test fake of {@link Registry} that only holds node lists, to feed the client under test. Registering
 * replaces the service's nodes.
 */
public final class MemoryNodes implements Registry {
    private final Map<String, List<Service>> services = new ConcurrentHashMap<>();

    public MemoryNodes with(String service, Node... nodes) {
        services.put(service, List.of(new Service(service, "1.0.0", Map.of(), List.of(), List.of(nodes))));
        return this;
    }

    @Override
    public void register(Service service, RegisterOptions options) {
        services.put(service.name(), List.of(service));
    }

    @Override
    public void deregister(Service service) {
        services.remove(service.name());
    }

    @Override
    public List<Service> getService(String name) {
        return services.getOrDefault(name, List.of());
    }

    @Override
    public List<Service> listServices() {
        return services.values().stream().flatMap(List::stream).toList();
    }

    @Override
    public Watcher watch(String service, Consumer<RegistryEvent> listener) {
        return () -> {
        };
    }

    @Override
    public void close() {
        services.clear();
    }
}
