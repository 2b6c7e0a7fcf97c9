package dev.microcdi.api.client;

import dev.microcdi.api.Settings;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.selector.Selector;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a {@link ClientProvider} builds a client from.
 *
 * @param settings the configuration ({@code micro.client.*})
 * @param registry where nodes are looked up; usually a caching registry
 * @param selectors the selector to use for each service name
 * @param codecs the installed codecs
 */
public record ClientContext(Settings settings, Registry registry, Function<String, Selector> selectors,
        Codecs codecs) {

    /**
     * Validates and copies the components.
     *
     * @param settings the configuration ({@code micro.client.*})
     * @param registry where nodes are looked up; usually a caching registry
     * @param selectors the selector to use for each service name
     * @param codecs the installed codecs
     */
    public ClientContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(selectors, "selectors");
        Objects.requireNonNull(codecs, "codecs");
    }
}
