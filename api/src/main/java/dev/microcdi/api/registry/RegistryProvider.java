package dev.microcdi.api.registry;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;

/** Makes {@link Registry} instances; chosen by {@code micro.registry} (default {@code mdns}). */
public interface RegistryProvider extends Provider {

    /**
     * Creates a registry.
     *
     * @param settings the configuration
     * @return a new registry, which the caller closes
     */
    Registry create(Settings settings);
}
