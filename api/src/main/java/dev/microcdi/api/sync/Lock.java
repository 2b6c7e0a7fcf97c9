package dev.microcdi.api.sync;

import java.time.Instant;

/**
 * A lock acquired by {@link Sync#lock(String, LockOptions)}. Closing it releases the lock; closing is
 * idempotent, and never releases the lock of another holder that acquired it after this one expired. Use it in
 * try-with-resources:
 * {@code try (Lock lock = sync.lock("orders", LockOptions.DEFAULT)) { ... }}. Thread-safe.
 */
public interface Lock extends AutoCloseable {

    /**
     * The lock's id.
     *
     * @return the id given to {@link Sync#lock(String, LockOptions)}
     */
    String id();

    /**
     * When the lock expires unless released earlier, by this process's clock.
     *
     * @return the time of acquisition plus {@link LockOptions#ttl()}
     */
    Instant expiry();

    /**
     * Whether this handle still holds the lock.
     *
     * @return false once it is released or its expiry has passed
     */
    boolean isHeld();

    /**
     * Releases the lock.
     *
     * @throws dev.microcdi.api.MicroException 503 when the backend cannot be reached; the lock then expires
     *         at its {@link #expiry()}
     */
    @Override
    void close();
}
