package dev.microcdi.transport.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import java.time.Duration;
import java.util.List;

/**
 * How {@link MucpClient} waits between the attempts of a call and ejects failing nodes, read once from
 * {@code micro.client.*}.
 *
 * @param backoffBase the longest wait before the first retry; the wait before retry {@code k} is drawn
 *                    uniformly from zero to {@code min(backoffMax, backoffBase * 2^(k-1))} (full jitter)
 * @param backoffMax the cap of that bound
 * @param ejectionFailures consecutive failed attempts after which a node is ejected; 0 disables ejection
 * @param ejectionTime how long the first ejection of a node lasts
 * @param ejectionMaxTime the cap of the ejection time, which doubles with each ejection in a row
 */
public record BalancingSettings(Duration backoffBase, Duration backoffMax, int ejectionFailures,
        Duration ejectionTime, Duration ejectionMaxTime) {
    static final String BACKOFF_BASE = "micro.client.backoff.base";
    static final String BACKOFF_MAX = "micro.client.backoff.max";
    static final String EJECTION_FAILURES = "micro.client.ejection.consecutive-failures";
    static final String EJECTION_TIME = "micro.client.ejection.time";
    static final String EJECTION_MAX_TIME = "micro.client.ejection.max-time";

    /** The defaults: 10 ms backoff capped at 1 s; ejection after 3 failures for 5 s, doubling up to 2 min. */
    public static final BalancingSettings DEFAULT = new BalancingSettings(Duration.ofMillis(10), Duration.ofSeconds(1),
            3, Duration.ofSeconds(5), Duration.ofMinutes(2));

    /**
     * Validates the components.
     *
     * @param backoffBase the longest wait before the first retry; zero retries at once
     * @param backoffMax the cap of the backoff bound
     * @param ejectionFailures consecutive failed attempts after which a node is ejected; 0 disables ejection
     * @param ejectionTime how long the first ejection of a node lasts; positive
     * @param ejectionMaxTime the cap of the ejection time; at least {@code ejectionTime}
     */
    public BalancingSettings {
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw MicroException.badRequest("micro.config", "%s=%s must be between 0 and %s=%s", BACKOFF_BASE,
                    backoffBase, BACKOFF_MAX, backoffMax);
        }
        if (ejectionFailures < 0) {
            throw MicroException.badRequest("micro.config", "setting %s=%d must not be negative", EJECTION_FAILURES,
                    ejectionFailures);
        }
        if (ejectionTime.isNegative() || ejectionTime.isZero() || ejectionMaxTime.compareTo(ejectionTime) < 0) {
            throw MicroException.badRequest("micro.config", "%s=%s must be positive and at most %s=%s",
                    EJECTION_TIME, ejectionTime, EJECTION_MAX_TIME, ejectionMaxTime);
        }
    }

    /**
     * Reads the settings.
     *
     * @param settings the configuration
     * @return the balancing settings
     * @throws MicroException 400 when a value is invalid
     */
    public static BalancingSettings from(Settings settings) {
        return new BalancingSettings(settings.duration(BACKOFF_BASE, DEFAULT.backoffBase),
                settings.duration(BACKOFF_MAX, DEFAULT.backoffMax),
                settings.integer(EJECTION_FAILURES, DEFAULT.ejectionFailures),
                settings.duration(EJECTION_TIME, DEFAULT.ejectionTime),
                settings.duration(EJECTION_MAX_TIME, DEFAULT.ejectionMaxTime));
    }

    /**
     * The keys {@link #from} reads, with their defaults.
     *
     * @return the settings
     */
    public static List<Setting> settings() {
        return List.of(
                new Setting(BACKOFF_BASE, "bound of the random wait before the first retry; doubles per retry",
                        "10ms"),
                new Setting(BACKOFF_MAX, "cap of the random wait between retries", "1s"),
                new Setting(EJECTION_FAILURES, "consecutive failed attempts that eject a node; 0 disables", "3"),
                new Setting(EJECTION_TIME, "first ejection of a node; doubles with each ejection in a row", "5s"),
                new Setting(EJECTION_MAX_TIME, "longest ejection", "2m"));
    }

    /**
     * The bound of the wait before a retry.
     *
     * @param retry the retry number, 1 for the first
     * @return the bound in nanoseconds
     */
    long backoffBoundNanos(int retry) {
        return doubled(backoffBase.toNanos(), retry, backoffMax.toNanos());
    }

    /**
     * How long the n-th ejection in a row lasts.
     *
     * @param ejections 1 for the first ejection
     * @return the duration in nanoseconds
     */
    long ejectionNanos(int ejections) {
        return doubled(ejectionTime.toNanos(), ejections, ejectionMaxTime.toNanos());
    }

    /** {@code min(cap, base * 2^(n-1))} without overflow. */
    private static long doubled(long base, int n, long cap) {
        int shift = Math.min(Math.max(n - 1, 0), 62);
        return base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    }
}
