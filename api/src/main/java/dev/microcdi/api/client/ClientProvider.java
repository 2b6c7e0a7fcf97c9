package dev.microcdi.api.client;

import dev.microcdi.api.Provider;

/** Makes {@link Client} instances; chosen by {@code micro.client} (default {@code mucp}). */
public interface ClientProvider extends Provider {

    /**
     * Creates a client.
     *
     * @param context the configuration and collaborators
     * @return a new client, which the caller closes
     */
    Client create(ClientContext context);
}
