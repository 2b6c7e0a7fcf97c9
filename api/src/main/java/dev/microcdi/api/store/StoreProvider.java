package dev.microcdi.api.store;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;

/**
 * Makes {@link Store} instances; chosen by {@code micro.store} (default {@code memory}; also {@code file} and
 * {@code postgres}).
 */
public interface StoreProvider extends Provider {

    /**
     * Creates a store.
     *
     * @param settings the configuration ({@code micro.store.*})
     * @return a new store, which the caller closes
     */
    Store create(Settings settings);
}
