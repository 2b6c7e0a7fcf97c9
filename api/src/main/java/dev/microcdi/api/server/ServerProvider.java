package dev.microcdi.api.server;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;
import dev.microcdi.api.codec.Codecs;

/** Makes {@link Server} instances; chosen by {@code micro.server} (default {@code mucp}). */
public interface ServerProvider extends Provider {

    /**
     * Creates a server, not yet started.
     *
     * @param settings the configuration ({@code micro.server.*})
     * @param codecs the installed codecs
     * @return a new server
     */
    Server create(Settings settings, Codecs codecs);
}
