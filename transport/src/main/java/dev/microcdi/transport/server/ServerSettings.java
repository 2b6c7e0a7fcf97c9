package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.transport.wire.FrameQueue;
import dev.microcdi.transport.wire.HostPort;
import dev.microcdi.transport.wire.WireLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration of {@link MucpServer}, read once from {@code micro.server.*}.
 *
 * @param address where to bind
 * @param advertise the address to publish instead of the bound one, or null
 * @param workers the handler threads
 * @param queue calls waiting for a handler thread before new ones get 503
 * @param ioThreads Netty event loop threads
 * @param handshakeTimeout how long a new connection may take to send its preface
 * @param limits the wire limits
 * @param preferNative whether to use epoll when available
 * @param handlerThreads which thread calls the handlers: the connection's event loop or a worker
 * @param workerSpin how long an idle worker polls for the next call before it parks (zero: parks at once)
 * @param flushEvery how many answers written on the event loop in one batch are flushed together at most
 * @param blockedHandlerWarning how long a handler may hold an event loop before a warning is logged (zero: never)
 */
public record ServerSettings(HostPort address, String advertise, int workers, int queue, int ioThreads,
        Duration handshakeTimeout, WireLimits limits, boolean preferNative, HandlerThreads handlerThreads,
        Duration workerSpin, int flushEvery, Duration blockedHandlerWarning) {
    static final String ADDRESS = "micro.server.address";
    static final String ADVERTISE = "micro.server.advertise";
    static final String WORKERS = "micro.server.workers";
    static final String QUEUE = "micro.server.queue";
    static final String IO_THREADS = "micro.server.io-threads";
    static final String HANDSHAKE_TIMEOUT = "micro.server.handshake-timeout";
    static final String NATIVE = "micro.transport.native";
    static final String HANDLER_THREADS = "micro.server.handler-threads";
    /** Replaced by {@link #HANDLER_THREADS}; refused, so that a configuration that still sets it does not go unseen. */
    private static final String REMOVED_DIRECT_HANDLERS = "micro.server.direct-handlers";
    static final String WORKER_SPIN = "micro.server.worker-spin";
    static final String FLUSH_EVERY = "micro.server.flush-every";
    static final String BLOCKED_HANDLER_WARNING = "micro.server.blocked-handler-warning";
    private static final Duration DEFAULT_WORKER_SPIN = Duration.ofNanos(50_000);
    private static final int DEFAULT_WORKERS = 64;
    private static final int DEFAULT_QUEUE = 1024;
    private static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Reads the settings.
     *
     * @param settings the configuration
     * @return the server settings
     * @throws MicroException 400 when a value is invalid
     */
    public static ServerSettings from(Settings settings) {
        if (settings.get(REMOVED_DIRECT_HANDLERS).isPresent()) {
            throw MicroException.badRequest("micro.config", "setting %s is gone: use %s=event-loop (or auto, workers)",
                    REMOVED_DIRECT_HANDLERS, HANDLER_THREADS);
        }
        HostPort address = HostPort.parse(settings.string(ADDRESS, "127.0.0.1:0"), ADDRESS);
        String advertise = settings.string(ADVERTISE, null);
        if (advertise != null) {
            HostPort.parse(advertise, ADVERTISE);
        }
        int workers = positive(settings, WORKERS, DEFAULT_WORKERS);
        int queue = positive(settings, QUEUE, DEFAULT_QUEUE);
        int ioThreads = positive(settings, IO_THREADS, Runtime.getRuntime().availableProcessors());
        Duration handshake = settings.duration(HANDSHAKE_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT);
        Duration spin = settings.duration(WORKER_SPIN, DEFAULT_WORKER_SPIN);
        if (spin.isNegative() || spin.compareTo(Duration.ofMillis(10)) > 0) {
            throw MicroException.badRequest("micro.config", "setting %s=%s must be between 0 and 10ms", WORKER_SPIN,
                    spin);
        }
        return new ServerSettings(address, advertise, workers, queue, ioThreads, handshake,
                WireLimits.from(settings, "micro.server"), settings.bool(NATIVE, true),
                HandlerThreads.parse(HANDLER_THREADS, settings.string(HANDLER_THREADS, "auto")), spin,
                positive(settings, FLUSH_EVERY, FrameQueue.DEFAULT_FLUSH_EVERY),
                settings.duration(BLOCKED_HANDLER_WARNING, Duration.ofSeconds(2)));
    }

    /**
     * The keys {@link #from} reads, with their defaults.
     *
     * @return the settings
     */
    public static List<Setting> settings() {
        List<Setting> all = new ArrayList<>(List.of(
                new Setting(ADDRESS, "host:port to bind; port 0 picks a free port", "127.0.0.1:0"),
                new Setting(ADVERTISE, "host:port published in the registry instead of the bound address", ""),
                new Setting(WORKERS, "handler threads", Integer.toString(DEFAULT_WORKERS)),
                new Setting(QUEUE, "calls waiting for a handler thread; beyond it calls get 503 not processed",
                        Integer.toString(DEFAULT_QUEUE)),
                new Setting(IO_THREADS, "Netty event loop threads", "number of processors"),
                new Setting(HANDSHAKE_TIMEOUT, "time a new connection has to send its preface", "10s"),
                new Setting(NATIVE, "use epoll when available", "true"),
                new Setting(HANDLER_THREADS, "which thread calls handlers (and stream callbacks): auto (the event"
                        + " loop for endpoints that declare they never block, a worker for the others), workers,"
                        + " or event-loop (every handler; only for handlers that never block)", "auto"),
                new Setting(WORKER_SPIN, "how long one idle worker polls for the next call before it parks"
                        + " (saves a thread wake-up per call; 0 turns it off)", "50us"),
                new Setting(FLUSH_EVERY, "answers written in one batch on the event loop before a flush, so that"
                        + " the caller starts on them while the rest are written",
                        Integer.toString(FrameQueue.DEFAULT_FLUSH_EVERY)),
                new Setting(BLOCKED_HANDLER_WARNING, "log a warning, with the loop's stack, when a handler holds an"
                        + " event loop this long (0 turns it off)", "2s")));
        all.addAll(WireLimits.settings("micro.server"));
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
