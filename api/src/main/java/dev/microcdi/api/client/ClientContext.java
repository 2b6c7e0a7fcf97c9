package dev.microcdi.api.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.selector.Selector;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a {@link ClientProvider} builds a client from.
 *
 * @param settings the configuration ({@code micro.client.*})
 * @param registry where nodes are looked up; usually a caching registry
 * @param selectors the selector to use for each service name
 * @param codecs the installed codecs
 * @param namedSelectors the selector of each strategy name ({@code random}, {@code round-robin}...), for
 *                       calls that name one in {@link CallOptions#selector()}; it throws a
 *                       {@link MicroException} (400) for an unknown name and returns the same instance for
 *                       the same name
 * @param listeners notified of every attempt of every call; never null
 */
public record ClientContext(Settings settings, Registry registry, Function<String, Selector> selectors,
        Codecs codecs, Function<String, Selector> namedSelectors, List<AttemptListener> listeners) {

    /**
     * Validates and copies the components.
     *
     * @param settings the configuration ({@code micro.client.*})
     * @param registry where nodes are looked up; usually a caching registry
     * @param selectors the selector to use for each service name
     * @param codecs the installed codecs
     * @param namedSelectors the selector of each strategy name, for calls that name one
     * @param listeners notified of every attempt of every call; null means none
     */
    public ClientContext {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(selectors, "selectors");
        Objects.requireNonNull(codecs, "codecs");
        Objects.requireNonNull(namedSelectors, "namedSelectors");
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
    }

    /**
     * A context without attempt listeners, in which a call that names a selector fails with 400.
     *
     * @param settings the configuration ({@code micro.client.*})
     * @param registry where nodes are looked up; usually a caching registry
     * @param selectors the selector to use for each service name
     * @param codecs the installed codecs
     */
    public ClientContext(Settings settings, Registry registry, Function<String, Selector> selectors,
            Codecs codecs) {
        this(settings, registry, selectors, codecs, name -> {
            throw MicroException.badRequest("micro.client", "no selector named %s is available", name);
        }, List.of());
    }
}
