package dev.microcdi.registry.etcd;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of the etcd registry, each read from one key of {@link #SETTINGS}.
 *
 * @param endpoints the etcd client URLs, e.g. {@code http://127.0.0.1:2379}
 * @param prefix the key prefix under which nodes are stored, Go Micro's {@code /micro/registry/} by default
 * @param timeout how long one etcd request may take before the registry gives a 503
 * @param rewatchDelay the pause before the registry watches again after its watch failed
 */
public record EtcdOptions(List<URI> endpoints, String prefix, Duration timeout, Duration rewatchDelay) {

    /** {@code micro.registry.etcd.endpoints}. */
    public static final Setting ENDPOINTS = new Setting("micro.registry.etcd.endpoints",
            "Comma-separated etcd client URLs", "http://127.0.0.1:2379");
    /** {@code micro.registry.etcd.prefix}. */
    public static final Setting PREFIX = new Setting("micro.registry.etcd.prefix",
            "Key prefix of the registrations (Go Micro's layout: <prefix><service>/<node-id>)", "/micro/registry/");
    /** {@code micro.registry.etcd.timeout}. */
    public static final Setting TIMEOUT = new Setting("micro.registry.etcd.timeout",
            "Longest time one etcd request may take", "5s");
    /** {@code micro.registry.etcd.rewatch-delay}. */
    public static final Setting REWATCH_DELAY = new Setting("micro.registry.etcd.rewatch-delay",
            "Pause before watching again after the watch failed", "1s");
    /** Every key, with its default. */
    public static final List<Setting> SETTINGS = List.of(ENDPOINTS, PREFIX, TIMEOUT, REWATCH_DELAY);

    /** The defaults: one etcd on loopback. */
    public static final EtcdOptions DEFAULT = new EtcdOptions(List.of(URI.create(ENDPOINTS.defaultValue())),
            PREFIX.defaultValue(), Duration.ofSeconds(5), Duration.ofSeconds(1));

    /**
     * Validates and copies the components.
     *
     * @param endpoints the etcd client URLs; at least one, each {@code http} or {@code https} with host and port
     * @param prefix the key prefix; must start and end with {@code /}
     * @param timeout how long one etcd request may take; positive
     * @param rewatchDelay the pause before watching again; positive
     */
    public EtcdOptions {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(prefix, "prefix");
        if (endpoints.isEmpty()) {
            throw MicroException.badRequest("micro.config", "%s names no endpoint", ENDPOINTS.key());
        }
        for (URI u : endpoints) {
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getPort() < 0) {
                throw MicroException.badRequest("micro.config", "%s: %s is not http(s)://host:port", ENDPOINTS.key(),
                        u);
            }
        }
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw MicroException.badRequest("micro.config", "%s=%s must start and end with /", PREFIX.key(), prefix);
        }
        if (timeout.isZero() || timeout.isNegative() || rewatchDelay.isZero() || rewatchDelay.isNegative()) {
            throw MicroException.badRequest("micro.config", "%s and %s must be positive", TIMEOUT.key(),
                    REWATCH_DELAY.key());
        }
    }

    /**
     * Reads the options.
     *
     * @param settings the configuration
     * @return the options
     * @throws MicroException 400 when a value is invalid
     */
    public static EtcdOptions from(Settings settings) {
        List<String> urls = settings.list(ENDPOINTS.key());
        List<URI> endpoints;
        try {
            endpoints = urls.isEmpty() ? DEFAULT.endpoints : urls.stream().map(URI::create).toList();
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest("micro.config", "%s=%s is not a list of URLs: %s", ENDPOINTS.key(),
                    String.join(",", urls), e.getMessage());
        }
        return new EtcdOptions(endpoints, settings.string(PREFIX.key(), DEFAULT.prefix),
                settings.duration(TIMEOUT.key(), DEFAULT.timeout), settings.duration(REWATCH_DELAY.key(),
                        DEFAULT.rewatchDelay));
    }
}
