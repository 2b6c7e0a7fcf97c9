package dev.microcdi.api.broker;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Registry;

/**
 * Makes {@link Broker} instances; chosen by {@code micro.broker} (default {@code http}; also {@code memory}
 * and {@code nats}).
 */
public interface BrokerProvider extends Provider {

    /**
     * Creates a broker, not yet connected.
     *
     * @param settings the configuration ({@code micro.broker.*})
     * @param registry the application's registry: the HTTP broker registers its subscriptions there and finds
     *                 subscribers through it; brokers with their own backend ignore it
     * @return a new broker, which the caller closes
     */
    Broker create(Settings settings, Registry registry);
}
