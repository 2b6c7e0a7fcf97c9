package dev.microcdi.transport.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import java.time.Duration;
import java.util.List;

/**
 * How long {@link MucpClient} waits before it connects again to a node address whose connect failed or whose
 * connection dropped, read once from {@code micro.client.*}. After the {@code n}-th such failure in a row the
 * next connect to that address waits a random time between half and all of
 * {@code min(backoffMax, backoff * 2^(n-1))}; until then attempts on that address fail at once with 503.
 *
 * @param backoff the bound of the wait after the first failure; zero connects again at once (no backoff)
 * @param backoffMax the cap of the bound, which doubles with each failure in a row
 */
public record ReconnectSettings(Duration backoff, Duration backoffMax) {
    static final String BACKOFF = "micro.client.reconnect-backoff";
    static final String BACKOFF_MAX = "micro.client.reconnect-backoff-max";

    /** The defaults: 100 ms after the first failure, doubling up to 10 s. */
    public static final ReconnectSettings DEFAULT = new ReconnectSettings(Duration.ofMillis(100),
            Duration.ofSeconds(10));

    /**
     * Validates the components.
     *
     * @param backoff the bound of the wait after the first failure; not negative
     * @param backoffMax the cap of the bound; at least {@code backoff}
     * @throws MicroException 400 when a value is out of range
     */
    public ReconnectSettings {
        if (backoff.isNegative() || backoffMax.compareTo(backoff) < 0) {
            throw MicroException.badRequest("micro.config", "%s=%s must be between 0 and %s=%s", BACKOFF, backoff,
                    BACKOFF_MAX, backoffMax);
        }
    }

    /**
     * Reads the settings.
     *
     * @param settings the configuration
     * @return the reconnect settings
     * @throws MicroException 400 when a value is invalid
     */
    public static ReconnectSettings from(Settings settings) {
        return new ReconnectSettings(settings.duration(BACKOFF, DEFAULT.backoff),
                settings.duration(BACKOFF_MAX, DEFAULT.backoffMax));
    }

    /**
     * The keys {@link #from} reads, with their defaults.
     *
     * @return the settings
     */
    public static List<Setting> settings() {
        return List.of(
                new Setting(BACKOFF, "bound of the wait before connecting again to an address whose connect failed"
                        + " or whose connection dropped; doubles per failure in a row; 0 disables", "100ms"),
                new Setting(BACKOFF_MAX, "cap of the reconnect wait", "10s"));
    }

    /**
     * The bound of the wait after failures in a row.
     *
     * @param failures 1 after the first failure
     * @return {@code min(backoffMax, backoff * 2^(failures-1))} in nanoseconds
     */
    long boundNanos(int failures) {
        long base = backoff.toNanos();
        long cap = backoffMax.toNanos();
        int shift = Math.min(Math.max(failures - 1, 0), 62);
        return base > (cap >> shift) ? cap : Math.min(cap, base << shift);
    }
}
