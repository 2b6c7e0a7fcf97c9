package dev.microcdi.example;

import dev.microcdi.api.MicroClient;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import java.util.function.Consumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Calls {@code greeter} through an injected client proxy; used by the {@code call} command. */
@ApplicationScoped
public class GreeterCaller {

    @Inject
    @MicroClient("greeter")
    Greeter greeter;

    @Inject
    Registry registry;

    /**
     * The client proxy.
     *
     * @return the proxy
     */
    public Greeter greeter() {
        return greeter;
    }

    /**
     * How many greeter nodes the registry knows now.
     *
     * @return the node count over every version
     */
    public int knownNodes() {
        return registry.getService("greeter").stream().mapToInt(s -> s.nodes().size()).sum();
    }

    /**
     * The known greeter services, for diagnostics.
     *
     * @return the services
     */
    public java.util.List<Service> known() {
        return registry.getService("greeter");
    }

    /**
     * Watches the greeter service in the registry.
     *
     * @param listener told of each change
     * @return the watch, to close
     */
    public Watcher watch(Consumer<RegistryEvent> listener) {
        return registry.watch("greeter", listener);
    }
}
