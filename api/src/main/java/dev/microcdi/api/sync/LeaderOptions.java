package dev.microcdi.api.sync;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link Sync#leader(String, LeaderOptions, java.util.function.Consumer)}.
 *
 * @param ttl the leader's lease: the leader renews it about every third of it, and when the leader stops
 *            renewing (it crashed or lost the backend) another candidate is elected once it runs out; positive,
 *            default 15 s
 */
public record LeaderOptions(Duration ttl) {

    /** A 15 s lease. */
    public static final LeaderOptions DEFAULT = new LeaderOptions(Duration.ofSeconds(15));

    /**
     * Validates and copies the components.
     *
     * @param ttl the leader's lease: the leader renews it about every third of it, and when the leader stops
     *   renewing (it crashed or lost the backend) another candidate is elected once it runs out; positive,
     *   default 15 s
     */
    public LeaderOptions {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
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

    /** Builds {@link LeaderOptions}; not thread-safe. */
    public static final class Builder {
        private Duration ttl = DEFAULT.ttl();

        private Builder() {
        }

        /**
         * Sets the lease.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder ttl(Duration value) {
            this.ttl = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public LeaderOptions build() {
            return new LeaderOptions(ttl);
        }
    }
}
