package dev.microcdi.registry.support;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Service;
import java.util.HashSet;
import java.util.Set;

/** Validates what callers hand to a registry, so that every registry rejects bad input the same way. */
public final class RegistryChecks {
    /** The error id of registry failures. */
    public static final String ERROR_ID = "micro.registry";

    private RegistryChecks() {
    }

    /**
     * Checks a service about to be registered or deregistered: present, with at least one node, node ids
     * unique and not blank, addresses not blank.
     *
     * @param service the service
     * @return the service
     * @throws MicroException 400 naming what is wrong
     */
    public static Service service(Service service) {
        if (service == null) {
            throw MicroException.badRequest(ERROR_ID, "service is null");
        }
        if (service.nodes().isEmpty()) {
            throw MicroException.badRequest(ERROR_ID, "service %s %s has no node", service.name(), service.version());
        }
        Set<String> ids = new HashSet<>();
        for (Node node : service.nodes()) {
            if (node.id().isBlank()) {
                throw MicroException.badRequest(ERROR_ID, "service %s has a node with a blank id", service.name());
            }
            if (node.address().isBlank()) {
                throw MicroException.badRequest(ERROR_ID, "node %s of service %s has a blank address", node.id(),
                        service.name());
            }
            if (!ids.add(node.id())) {
                throw MicroException.badRequest(ERROR_ID, "service %s lists node %s twice", service.name(), node.id());
            }
        }
        return service;
    }

    /**
     * Checks a service name given to a lookup or a watch.
     *
     * @param name the name
     * @return the name
     * @throws MicroException 400 when the name is null or blank
     */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            throw MicroException.badRequest(ERROR_ID, "service name is %s", name == null ? "null" : "blank");
        }
        return name;
    }

    /**
     * The options of a registration; null means the defaults.
     *
     * @param options the options or null
     * @return the options
     */
    public static RegisterOptions options(RegisterOptions options) {
        return options == null ? RegisterOptions.DEFAULT : options;
    }

    /**
     * The error raised by a registry used after {@code close()}.
     *
     * @return a 503 error
     */
    public static MicroException closed() {
        return MicroException.unavailable(ERROR_ID, "the registry is closed");
    }
}
