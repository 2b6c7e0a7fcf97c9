package dev.microcdi.api.registry;

import java.util.Objects;

/**
 * A change seen by a {@link Watcher}.
 *
 * @param action what happened
 * @param service the service with the nodes concerned: the registered nodes for {@code CREATE} and
 *                {@code UPDATE}, the removed nodes for {@code DELETE}
 */
public record RegistryEvent(Action action, Service service) {

    /**
     * Validates and copies the components.
     *
     * @param action what happened
     * @param service the service with the nodes concerned: the registered nodes for {@code CREATE} and
     *   {@code UPDATE}, the removed nodes for {@code DELETE}
     */
    public RegistryEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(service, "service");
    }

    /** The kinds of change, as Go Micro names them. */
    public enum Action {
        /** Nodes appeared. */
        CREATE,
        /** Known nodes changed, or were registered again. */
        UPDATE,
        /** Nodes left, by deregistration or expiry. */
        DELETE
    }
}
