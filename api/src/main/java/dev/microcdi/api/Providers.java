package dev.microcdi.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds providers through {@link ServiceLoader}. Stateless; every call loads afresh from the given class loader.
 */
public final class Providers {
    private Providers() {
    }

    /**
     * Every provider of a type.
     *
     * @param type the provider interface, e.g. {@code RegistryProvider.class}
     * @param loader the class loader to search
     * @param <P> the provider type
     * @return the providers, highest priority first
     */
    public static <P extends Provider> List<P> all(Class<P> type, ClassLoader loader) {
        List<P> found = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(found::add);
        found.sort(Comparator.comparingInt(Provider::priority).reversed());
        return found;
    }

    /**
     * The provider with a name.
     *
     * @param type the provider interface
     * @param name the configured name
     * @param loader the class loader to search
     * @param <P> the provider type
     * @return the provider
     * @throws MicroException 400 naming the available providers when none has that name
     */
    public static <P extends Provider> P named(Class<P> type, String name, ClassLoader loader) {
        List<P> all = all(type, loader);
        for (P p : all) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw MicroException.badRequest("micro.config", "no %s named '%s'; available: %s", type.getSimpleName(), name,
                all.stream().map(Provider::name).collect(Collectors.joining(", ")));
    }
}
