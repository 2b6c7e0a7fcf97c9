package dev.microcdi.api.registry;

import java.util.List;
import java.util.function.Consumer;

/**
 * Service discovery: where the nodes of each service are. Go Micro's {@code Registry} with its five
 * methods; implementations are thread-safe.
 *
 * <p>Registering a service registers its nodes; registering again renews them (and their TTL) and adds
 * nodes; deregistering removes the given nodes. Lookups never throw for an unknown service: they return an
 * empty list. A failure to reach the registry raises {@link dev.microcdi.api.MicroException} with code 503.
 */
public interface Registry extends AutoCloseable {

    /**
     * Registers, or renews, the nodes of a service.
     *
     * @param service the service with the nodes to register
     * @param options the TTL and other options
     */
    void register(Service service, RegisterOptions options);

    /**
     * Removes the nodes of a service.
     *
     * @param service the service with the nodes to remove
     */
    void deregister(Service service);

    /**
     * The registered versions of a service with their nodes.
     *
     * @param name the service name
     * @return one entry per version, empty when the service is unknown
     */
    List<Service> getService(String name);

    /**
     * Every known service, without guarantee that nodes are filled in.
     *
     * @return one entry per service and version
     */
    List<Service> listServices();

    /**
     * Watches changes of one service, or of all.
     *
     * @param service the service name, or null for every service
     * @param listener called for each change, on a thread of the registry; it must not block for long
     * @return the running watch
     */
    Watcher watch(String service, Consumer<RegistryEvent> listener);

    /** Releases the registry's resources; registrations that expire keep their TTL. */
    @Override
    void close();
}
