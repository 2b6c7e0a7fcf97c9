package dev.microcdi.registry.cache;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import dev.microcdi.registry.support.RegistryChecks;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A registry in front of another that serves {@link #getService(String)} from memory, for the client's hot
 * path.
 *
 * <p>A miss reads the delegate once, however many callers ask at the same time, and keeps the result (an
 * immutable list, returned as is on every hit) for the cache TTL. Meanwhile one watch of every service on the
 * delegate applies creations, updates and deletions to the cached entries, so the cache follows changes
 * without polling. When the delegate fails, the last good list keeps being served (a registry outage must not
 * break calls to nodes still alive) and the delegate is tried again after the retry interval; only a service
 * never read successfully gives the error. Empty results are not cached, so a service that appears is found
 * at the next lookup. Registration and deregistration go to the delegate and then update the cache.
 *
 * <p>Thread-safe. {@link #close()} stops the watch and, unless configured otherwise, closes the delegate.
 */
public final class CachingRegistry implements Registry {
    private static final System.Logger LOG = System.getLogger(CachingRegistry.class.getName());

    private final Registry delegate;
    private final CacheOptions options;
    private final long ttl;
    private final long retry;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<List<Service>>> loading = new ConcurrentHashMap<>();
    private Watcher watch;
    private long watchRetryAt;
    private boolean watchTried;
    private volatile boolean closed;

    /**
     * Wraps a registry with options from settings ({@link CacheOptions#SETTINGS}); closing the cache closes
     * the delegate.
     *
     * @param delegate the registry to cache
     * @param settings the configuration
     */
    public CachingRegistry(Registry delegate, Settings settings) {
        this(delegate, CacheOptions.from(settings));
    }

    /**
     * Wraps a registry.
     *
     * @param delegate the registry to cache
     * @param options the options
     */
    public CachingRegistry(Registry delegate, CacheOptions options) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.options = Objects.requireNonNull(options, "options");
        this.ttl = options.ttl().toNanos();
        this.retry = options.retryInterval().toNanos();
    }

    /** A cached service: its versions, until when they are fresh, and when a failed read may be retried. */
    private record Entry(List<Service> services, long freshUntil, long retryAt) {
    }

    @Override
    public List<Service> getService(String name) {
        RegistryChecks.name(name);
        open();
        Entry e = entries.get(name);
        long now = options.ticker().getAsLong();
        if (e != null && (now - e.freshUntil < 0 || now - e.retryAt < 0)) {
            return e.services;
        }
        ensureWatching(now);
        return load(name, e, now);
    }

    private List<Service> load(String name, Entry stale, long now) {
        CompletableFuture<List<Service>> mine = new CompletableFuture<>();
        CompletableFuture<List<Service>> running = loading.putIfAbsent(name, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException failed) {
                if (stale != null) {
                    return stale.services;
                }
                throw unavailable(name, failed.getCause());
            }
        }
        try {
            List<Service> fresh = List.copyOf(delegate.getService(name));
            if (fresh.isEmpty()) {
                entries.remove(name);
            } else {
                entries.put(name, new Entry(fresh, now + ttl, now));
            }
            mine.complete(fresh);
            return fresh;
        } catch (RuntimeException failure) {
            mine.completeExceptionally(failure);
            if (stale == null) {
                throw unavailable(name, failure);
            }
            LOG.log(Level.WARNING, "The registry failed to look up {0}; serving the last good list for {1} ms: {2}",
                    name, options.retryInterval().toMillis(), failure.getMessage());
            entries.replace(name, stale, new Entry(stale.services, stale.freshUntil, now + retry));
            return stale.services;
        } finally {
            loading.remove(name, mine);
        }
    }

    private static MicroException unavailable(String name, Throwable cause) {
        if (cause instanceof MicroException m) {
            return m;
        }
        return new MicroException(RegistryChecks.ERROR_ID, MicroException.UNAVAILABLE,
                "the registry failed to look up " + name + ": " + cause.getMessage(), cause);
    }

    /** Starts the one watch of every service, again after a failure once the retry interval has passed. */
    private void ensureWatching(long now) {
        synchronized (this) {
            if (closed || watch != null || (watchTried && now - watchRetryAt < 0)) {
                return;
            }
            watchTried = true;
            try {
                watch = delegate.watch(null, this::apply);
            } catch (RuntimeException e) {
                watchRetryAt = now + retry;
                LOG.log(Level.WARNING, "Cannot watch the registry; cached services refresh only after their TTL: {0}",
                        e.getMessage());
            }
        }
    }

    /** Applies a change to the cached entry of its service, if there is one. */
    private void apply(RegistryEvent event) {
        entries.computeIfPresent(event.service().name(), (name, e) -> {
            List<Service> merged = merge(e.services, event);
            return merged.isEmpty() ? null : new Entry(merged, e.freshUntil, e.retryAt);
        });
    }

    private static List<Service> merge(List<Service> current, RegistryEvent event) {
        Service changed = event.service();
        List<Service> out = new ArrayList<>(current.size() + 1);
        boolean seen = false;
        for (Service s : current) {
            if (!s.version().equals(changed.version())) {
                out.add(s);
                continue;
            }
            seen = true;
            Map<String, Node> nodes = new LinkedHashMap<>();
            s.nodes().forEach(n -> nodes.put(n.id(), n));
            if (event.action() == Action.DELETE) {
                changed.nodes().forEach(n -> nodes.remove(n.id()));
                if (!nodes.isEmpty()) {
                    out.add(s.withNodes(List.copyOf(nodes.values())));
                }
            } else {
                changed.nodes().forEach(n -> nodes.put(n.id(), n));
                out.add(changed.withNodes(List.copyOf(nodes.values())));
            }
        }
        if (!seen && event.action() != Action.DELETE) {
            out.add(changed);
        }
        return List.copyOf(out);
    }

    @Override
    public void register(Service service, RegisterOptions options) {
        open();
        delegate.register(service, options);
        apply(new RegistryEvent(Action.UPDATE, service));
    }

    @Override
    public void deregister(Service service) {
        open();
        delegate.deregister(service);
        apply(new RegistryEvent(Action.DELETE, service));
    }

    /**
     * Every service from the delegate; while it fails, the services in the cache.
     *
     * @return the services
     */
    @Override
    public List<Service> listServices() {
        open();
        try {
            return delegate.listServices();
        } catch (RuntimeException failure) {
            if (entries.isEmpty()) {
                throw unavailable("every service", failure);
            }
            LOG.log(Level.WARNING, "The registry failed to list services; listing the cached ones: {0}",
                    failure.getMessage());
            List<Service> cached = new ArrayList<>();
            entries.values().forEach(e -> cached.addAll(e.services));
            return List.copyOf(cached);
        }
    }

    @Override
    public Watcher watch(String service, Consumer<RegistryEvent> listener) {
        open();
        return delegate.watch(service, listener);
    }

    @Override
    public void close() {
        Watcher w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            w = watch;
            watch = null;
        }
        entries.clear();
        if (w != null) {
            w.close();
        }
        if (options.closeDelegate()) {
            delegate.close();
        }
    }

    private void open() {
        if (closed) {
            throw RegistryChecks.closed();
        }
    }
}
