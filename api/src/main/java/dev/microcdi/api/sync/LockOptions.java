package dev.microcdi.api.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link Sync#lock(String, LockOptions)}, Go Micro's {@code LockTTL} and {@code LockWait}.
 *
 * @param ttl how long the lock is held at most: it expires this long after it was acquired even when its
 *            holder never releases it (the holder crashed), so pick it longer than the work it guards; positive,
 *            default 30 s
 * @param maxWait how long to wait for a lock that another holder has; zero to try once; default 10 s
 */
public record LockOptions(Duration ttl, Duration maxWait) {

    /** A 30 s lock, waited for up to 10 s. */
    public static final LockOptions DEFAULT = new LockOptions(Duration.ofSeconds(30), Duration.ofSeconds(10));

    /**
     * Validates and copies the components.
     *
     * @param ttl how long the lock is held at most: it expires this long after it was acquired even when its
     *   holder never releases it (the holder crashed), so pick it longer than the work it guards; positive,
     *   default 30 s
     * @param maxWait how long to wait for a lock that another holder has; zero to try once; default 10 s
     */
    public LockOptions {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(maxWait, "maxWait");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        }
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link LockOptions}; not thread-safe. */
    public static final class Builder {
        private Duration ttl = DEFAULT.ttl();
        private Duration maxWait = DEFAULT.maxWait();

        private Builder() {
        }

        /**
         * Sets how long the lock is held at most.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder ttl(Duration value) {
            this.ttl = value;
            return this;
        }

        /**
         * Sets how long to wait for the lock.
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder maxWait(Duration value) {
            this.maxWait = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public LockOptions build() {
            return new LockOptions(ttl, maxWait);
        }
    }
}
