package dev.microcdi.api.sync;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;
import dev.microcdi.api.store.Store;

/**
 * Makes {@link Sync} instances; chosen by {@code micro.sync} (default {@code memory}; also {@code store},
 * {@code etcd} and {@code nats}).
 */
public interface SyncProvider extends Provider {

    /**
     * Creates a sync.
     *
     * @param settings the configuration ({@code micro.sync.*})
     * @param store the application's store: the {@code store} provider keeps locks and leases there; providers
     *              with their own backend ignore it. The caller owns it and closes it after the sync.
     * @return a new sync, which the caller closes
     */
    Sync create(Settings settings, Store store);
}
