package dev.microcdi.api.sync;

import java.util.function.Consumer;

/**
 * Distributed locks and leader election, Go Micro v4's {@code sync.Sync}. Locks and elections with the same
 * id exclude each other across every process that uses the same backend (and within one process). Locks are
 * not reentrant: a second {@code lock} of a held id waits like any other caller. Implementations are
 * thread-safe.
 *
 * <p>Errors are {@link dev.microcdi.api.MicroException}s: 400 for a blank id; 409 when a lock is held by
 * another and the options say not to wait; 408 when the wait for a lock passes (Go Micro's
 * {@code ErrLockTimeout}) or the waiting thread is interrupted (its interrupt flag set again); 503 when the
 * backend is unreachable or the sync is closed.
 *
 * <p>Providers: {@code memory} (the default, within one process), {@code store} (on the application's
 * {@link dev.microcdi.api.store.Store}, through its version conditions), {@code etcd} and {@code nats} (NATS
 * key-value).
 */
public interface Sync extends AutoCloseable {

    /**
     * Acquires a lock, waiting up to {@link LockOptions#maxWait()} while another holder has it.
     *
     * @param id the lock's id, e.g. {@code orders}
     * @param options the time to live and the wait
     * @return the held lock, which the caller closes
     * @throws dev.microcdi.api.MicroException 409 when held by another and {@code maxWait} is zero, 408 when the
     *         wait passes
     */
    Lock lock(String id, LockOptions options);

    /**
     * Joins a leader election and returns at once; the candidate campaigns in the background until it
     * resigns.
     *
     * @param id the election's id, e.g. the service name
     * @param options the lease
     * @param listener told {@code true} when this candidate is elected and {@code false} when it loses or
     *                 gives up the leadership, in order, one call at a time, on a thread of the sync; it must
     *                 not block for long
     * @return the candidacy, which the caller resigns
     * @throws dev.microcdi.api.MicroException 400 for a blank id, 503 when the backend is unreachable
     */
    Leadership leader(String id, LeaderOptions options, Consumer<Boolean> listener);

    /** Releases every lock held and resigns every candidacy made through this sync. Idempotent. */
    @Override
    void close();
}
