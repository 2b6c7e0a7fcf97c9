package dev.microcdi.api.sync;

/**
 * A candidacy in a leader election started by
 * {@link Sync#leader(String, LeaderOptions, java.util.function.Consumer)}, Go Micro's {@code sync.Leader}.
 * While it runs, the candidate is elected whenever there is no other leader, renews its lease while it leads,
 * and is told of every change through the listener given to {@code leader}. Thread-safe.
 */
public interface Leadership extends AutoCloseable {

    /**
     * The election's id.
     *
     * @return the id given to {@code leader}
     */
    String id();

    /**
     * Whether this candidate leads now. A leader that cannot renew its lease stops reporting itself leader
     * when the lease would run out, before another candidate can be elected (clocks drifting less than the
     * renewal margin).
     *
     * @return true while this candidate is the leader
     */
    boolean isLeader();

    /**
     * Leaves the election: gives up the leadership if held, so that another candidate is elected without
     * waiting for the lease to run out, and stops campaigning. The listener is not called afterwards.
     * Idempotent.
     *
     * @throws dev.microcdi.api.MicroException 503 when the backend cannot be reached; the lease then runs out
     */
    void resign();

    /** Resigns; see {@link #resign()}. */
    @Override
    default void close() {
        resign();
    }
}
