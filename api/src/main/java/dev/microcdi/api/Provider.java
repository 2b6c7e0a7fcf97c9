package dev.microcdi.api;

import java.util.List;

/**
 * What every provider of an SPI declares about itself. Each SPI has a provider interface extending this one
 * (for example {@link dev.microcdi.api.registry.RegistryProvider}); implementations are listed in
 * {@code META-INF/services} and chosen by {@link #name()} through {@link Providers}.
 */
public interface Provider {

    /**
     * The name users select the provider by, e.g. {@code mdns} in {@code micro.registry=mdns}.
     *
     * @return a short lower-case name, unique per SPI
     */
    String name();

    /**
     * What the provider is, for documentation and error messages.
     *
     * @return one sentence
     */
    default String description() {
        return name();
    }

    /**
     * The configuration keys the provider reads.
     *
     * @return the keys with their defaults
     */
    default List<Setting> settings() {
        return List.of();
    }

    /**
     * Breaks ties when no name is configured: the available provider with the highest priority is the default.
     *
     * @return the priority, 0 by default
     */
    default int priority() {
        return 0;
    }
}
