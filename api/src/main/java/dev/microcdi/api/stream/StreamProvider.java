package dev.microcdi.api.stream;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;

/**
 * Makes {@link EventStream} instances; chosen by {@code micro.stream} (default {@code memory}; also {@code nats}
 * for NATS JetStream and {@code redis} for Redis Streams).
 */
public interface StreamProvider extends Provider {

    /**
     * Creates a stream.
     *
     * @param settings the configuration ({@code micro.stream.*})
     * @return a new stream, which the caller closes
     */
    EventStream create(Settings settings);
}
