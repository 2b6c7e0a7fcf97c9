package dev.microcdi.api.registry;

/**
 * A running watch started by {@link Registry#watch(String, java.util.function.Consumer)}. Closing it stops
 * the events; it is idempotent and thread-safe.
 */
public interface Watcher extends AutoCloseable {

    /** Stops delivering events. */
    @Override
    void close();
}
