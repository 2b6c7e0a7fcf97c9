package dev.microcdi.api.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link Registry#register(Service, RegisterOptions)}.
 *
 * @param ttl how long the registration lives unless renewed by registering again; registries without
 *            expiry may ignore it. Default 60 s.
 */
public record RegisterOptions(Duration ttl) {

    /** The defaults. */
    public static final RegisterOptions DEFAULT = new RegisterOptions(Duration.ofSeconds(60));

    /**
     * Validates and copies the components.
     *
     * @param ttl how long the registration lives unless renewed by registering again; registries without
     *   expiry may ignore it. Default 60 s.
     */
    public RegisterOptions {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RegisterOptions}; not thread-safe. */
    public static final class Builder {
        private Duration ttl = DEFAULT.ttl();

        private Builder() {
        }

        /**
         * Sets the time to live.
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
        public RegisterOptions build() {
            return new RegisterOptions(ttl);
        }
    }
}
