package dev.microcdi.registry.cache;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Options of {@link CachingRegistry}.
 *
 * @param ttl how long a cached service is served before it is read from the registry again; while the
 *            registry fails, the last good list is served past it
 * @param retryInterval after a failed read, how long the last good list is served before the registry is
 *                      tried again
 * @param closeDelegate whether closing the cache closes the registry it wraps
 * @param ticker the time in nanoseconds, {@link System#nanoTime()} outside tests
 */
public record CacheOptions(Duration ttl, Duration retryInterval, boolean closeDelegate, LongSupplier ticker) {
    /** {@code micro.registry.cache.ttl}. */
    public static final Setting TTL = new Setting("micro.registry.cache.ttl",
            "How long a cached service is served before the registry is read again (watch events update it "
                    + "meanwhile)", "60s");
    /** {@code micro.registry.cache.retry}. */
    public static final Setting RETRY = new Setting("micro.registry.cache.retry",
            "After the registry failed, how long the last good list is served before trying again", "5s");
    /** Every key. */
    public static final List<Setting> SETTINGS = List.of(TTL, RETRY);

    /** The defaults: TTL 60 s, retry after 5 s, closes the delegate, system ticker. */
    public static final CacheOptions DEFAULT = new CacheOptions(Duration.ofSeconds(60), Duration.ofSeconds(5), true,
            System::nanoTime);

    /**
     * Validates the components.
     *
     * @param ttl the cache TTL, positive
     * @param retryInterval the pause after a failure
     * @param closeDelegate whether close closes the delegate
     * @param ticker the nanosecond ticker
     */
    public CacheOptions {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(ticker, "ticker");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("cache ttl must be positive: " + ttl);
        }
        if (retryInterval.isNegative()) {
            throw new IllegalArgumentException("retry interval must not be negative: " + retryInterval);
        }
    }

    /**
     * Reads the options from settings; the delegate is closed with the cache.
     *
     * @param settings the configuration
     * @return the options
     */
    public static CacheOptions from(Settings settings) {
        return builder().ttl(settings.duration(TTL.key(), DEFAULT.ttl()))
                .retryInterval(settings.duration(RETRY.key(), DEFAULT.retryInterval())).build();
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CacheOptions}; not thread-safe. */
    public static final class Builder {
        private Duration ttl = DEFAULT.ttl;
        private Duration retryInterval = DEFAULT.retryInterval;
        private boolean closeDelegate = DEFAULT.closeDelegate;
        private LongSupplier ticker = DEFAULT.ticker;

        private Builder() {
        }

        /**
         * Sets the TTL.
         *
         * @param value positive
         * @return this builder
         */
        public Builder ttl(Duration value) {
            ttl = value;
            return this;
        }

        /**
         * Sets the pause after a failed read.
         *
         * @param value not negative
         * @return this builder
         */
        public Builder retryInterval(Duration value) {
            retryInterval = value;
            return this;
        }

        /**
         * Sets whether closing the cache closes the delegate; false for a registry owned elsewhere, such as a
         * user's CDI bean.
         *
         * @param value the flag
         * @return this builder
         */
        public Builder closeDelegate(boolean value) {
            closeDelegate = value;
            return this;
        }

        /**
         * Sets the nanosecond ticker, for tests.
         *
         * @param value the ticker
         * @return this builder
         */
        public Builder ticker(LongSupplier value) {
            ticker = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public CacheOptions build() {
            return new CacheOptions(ttl, retryInterval, closeDelegate, ticker);
        }
    }
}
