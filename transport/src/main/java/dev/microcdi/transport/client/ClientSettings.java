package dev.microcdi.transport.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.transport.wire.FrameQueue;
import dev.microcdi.transport.wire.WireLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of {@link MucpClient}, read once from {@code micro.client.*}.
 *
 * @param timeout the deadline of a call including its retries, when the call sets none
 * @param retries how many other nodes a call may try after its first attempt, when the call sets none
 * @param connectTimeout the longest a connection attempt may take
 * @param ioThreads Netty event loop threads
 * @param callbackThreads threads that decode answers and complete the callers' futures
 * @param limits the limits on answers (message size, headers)
 * @param preferNative whether to use epoll when available
 * @param flushEvery how many requests written on the event loop in one batch are flushed together at most
 * @param maxWaiting how many calls and streams may wait on one connection for a free stream; beyond, a call is
 *                   refused unwritten with 503 and tried on another node
 */
public record ClientSettings(Duration timeout, int retries, Duration connectTimeout, int ioThreads,
        int callbackThreads, WireLimits limits, boolean preferNative, int flushEvery, int maxWaiting) {
    static final String TIMEOUT = "micro.client.timeout";
    static final String RETRIES = "micro.client.retries";
    static final String CONNECT_TIMEOUT = "micro.client.connect-timeout";
    static final String IO_THREADS = "micro.client.io-threads";
    static final String CALLBACK_THREADS = "micro.client.callback-threads";
    static final String NATIVE = "micro.transport.native";
    static final String FLUSH_EVERY = "micro.client.flush-every";
    static final String MAX_WAITING = "micro.client.max-waiting";
    private static final int DEFAULT_MAX_WAITING = 10_000;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int DEFAULT_RETRIES = 3;
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Reads the settings.
     *
     * @param settings the configuration
     * @return the client settings
     * @throws MicroException 400 when a value is invalid
     */
    public static ClientSettings from(Settings settings) {
        Duration timeout = settings.duration(TIMEOUT, DEFAULT_TIMEOUT);
        Duration connect = settings.duration(CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT);
        if (timeout.isZero() || connect.isZero()) {
            throw MicroException.badRequest("micro.config", "%s and %s must be positive", TIMEOUT, CONNECT_TIMEOUT);
        }
        int retries = settings.integer(RETRIES, DEFAULT_RETRIES);
        if (retries < 0) {
            throw MicroException.badRequest("micro.config", "setting %s=%d must not be negative", RETRIES, retries);
        }
        int processors = Runtime.getRuntime().availableProcessors();
        return new ClientSettings(timeout, retries, connect, positive(settings, IO_THREADS, processors),
                positive(settings, CALLBACK_THREADS, Math.max(2, processors)),
                WireLimits.from(settings, "micro.client"), settings.bool(NATIVE, true),
                positive(settings, FLUSH_EVERY, FrameQueue.DEFAULT_FLUSH_EVERY),
                positive(settings, MAX_WAITING, DEFAULT_MAX_WAITING));
    }

    /**
     * The keys {@link #from} reads, with their defaults.
     *
     * @return the settings
     */
    public static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(List.of(
                new Setting(TIMEOUT, "deadline of a call, retries included", "30s"),
                new Setting(RETRIES, "other nodes a call may try after the first attempt", "3"),
                new Setting(CONNECT_TIMEOUT, "longest time to open a connection", "5s"),
                new Setting(IO_THREADS, "Netty event loop threads", "number of processors"),
                new Setting(CALLBACK_THREADS, "threads that decode answers and complete callers' futures",
                        "max(2, number of processors)"),
                new Setting(NATIVE, "use epoll when available", "true"),
                new Setting(FLUSH_EVERY, "requests written in one batch on the event loop before a flush, so that"
                        + " the server starts on them while the rest are written",
                        Integer.toString(FrameQueue.DEFAULT_FLUSH_EVERY)),
                new Setting(MAX_WAITING, "calls and streams waiting on one connection for a free stream; beyond, a call"
                        + " is refused unwritten with 503 and tried on another node", Integer.toString(DEFAULT_MAX_WAITING))));
        all.addAll(WireLimits.settings("micro.client"));
        return List.copyOf(all);
    }

    private static int positive(Settings settings, String key, int defaultValue) {
        int v = settings.integer(key, defaultValue);
        if (v < 1) {
            throw MicroException.badRequest("micro.config", "setting %s=%d must be at least 1", key, v);
        }
        return v;
    }
}
