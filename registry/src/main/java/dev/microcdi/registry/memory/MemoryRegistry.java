package dev.microcdi.registry.memory;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import dev.microcdi.registry.support.RegistryChecks;
import dev.microcdi.registry.support.WatchHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A registry held in this process, for tests and single-process applications.
 *
 * <p>Thread-safe. Each registration lives for the TTL of its {@link RegisterOptions} and is renewed by
 * registering again; expired nodes are dropped at the next operation or by a periodic sweep, and watchers
 * then receive {@code DELETE}. Watchers are notified asynchronously, each in the order of the changes. Time
 * comes from a nanosecond ticker, so tests can drive expiry with a fake one.
 */
public final class MemoryRegistry implements Registry {
    private final LongSupplier ticker;
    private final WatchHub watchers = new WatchHub("micro-registry-memory-watch");
    private final ScheduledExecutorService sweeper;
    private final Map<String, Map<String, Versioned>> services = new HashMap<>();
    private boolean closed;

    /**
     * Creates a registry on the system ticker.
     *
     * @param sweepInterval how often expired nodes are looked for between operations
     */
    public MemoryRegistry(Duration sweepInterval) {
        this(System::nanoTime, sweepInterval);
    }

    /**
     * Creates a registry on the given ticker.
     *
     * @param ticker the time in nanoseconds, as {@link System#nanoTime()} counts it
     * @param sweepInterval how often expired nodes are looked for between operations
     */
    public MemoryRegistry(LongSupplier ticker, Duration sweepInterval) {
        this.ticker = ticker;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "micro-registry-memory-sweep");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, sweepInterval.toMillis());
        sweeper.scheduleWithFixedDelay(this::sweep, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void register(Service service, RegisterOptions options) {
        RegistryChecks.service(service);
        long ttl = RegistryChecks.options(options).ttl().toNanos();
        synchronized (this) {
            open();
            long now = ticker.getAsLong();
            expire(now);
            Versioned entry = services.computeIfAbsent(service.name(), n -> new LinkedHashMap<>())
                    .computeIfAbsent(service.version(), v -> new Versioned());
            entry.template = service.withNodes(List.of());
            List<Node> created = new ArrayList<>();
            List<Node> updated = new ArrayList<>();
            for (Node node : service.nodes()) {
                Registration previous = entry.nodes.put(node.id(), new Registration(node, now + ttl));
                (previous == null ? created : updated).add(node);
            }
            if (!created.isEmpty()) {
                watchers.publish(new RegistryEvent(Action.CREATE, service.withNodes(created)));
            }
            if (!updated.isEmpty()) {
                watchers.publish(new RegistryEvent(Action.UPDATE, service.withNodes(updated)));
            }
        }
    }

    @Override
    public void deregister(Service service) {
        RegistryChecks.service(service);
        synchronized (this) {
            open();
            expire(ticker.getAsLong());
            Map<String, Versioned> versions = services.get(service.name());
            Versioned entry = versions == null ? null : versions.get(service.version());
            if (entry == null) {
                return;
            }
            List<Node> removed = new ArrayList<>();
            for (Node node : service.nodes()) {
                Registration r = entry.nodes.remove(node.id());
                if (r != null) {
                    removed.add(r.node);
                }
            }
            dropIfEmpty(service.name(), service.version());
            if (!removed.isEmpty()) {
                watchers.publish(new RegistryEvent(Action.DELETE, entry.template.withNodes(removed)));
            }
        }
    }

    @Override
    public List<Service> getService(String name) {
        RegistryChecks.name(name);
        synchronized (this) {
            open();
            expire(ticker.getAsLong());
            Map<String, Versioned> versions = services.get(name);
            if (versions == null) {
                return List.of();
            }
            List<Service> out = new ArrayList<>(versions.size());
            versions.values().forEach(v -> out.add(v.snapshot()));
            return List.copyOf(out);
        }
    }

    @Override
    public List<Service> listServices() {
        synchronized (this) {
            open();
            expire(ticker.getAsLong());
            List<Service> out = new ArrayList<>();
            services.values().forEach(versions -> versions.values().forEach(v -> out.add(v.snapshot())));
            return List.copyOf(out);
        }
    }

    @Override
    public Watcher watch(String service, Consumer<RegistryEvent> listener) {
        if (service != null) {
            RegistryChecks.name(service);
        }
        synchronized (this) {
            open();
            return watchers.add(service, listener);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            services.clear();
        }
        sweeper.shutdownNow();
        watchers.close();
    }

    private void sweep() {
        synchronized (this) {
            if (!closed) {
                expire(ticker.getAsLong());
            }
        }
    }

    /** Drops every node whose TTL has passed and tells the watchers; the caller holds the lock. */
    private void expire(long now) {
        for (Iterator<Map.Entry<String, Map<String, Versioned>>> byName = services.entrySet().iterator();
                byName.hasNext();) {
            Map<String, Versioned> versions = byName.next().getValue();
            for (Iterator<Versioned> byVersion = versions.values().iterator(); byVersion.hasNext();) {
                Versioned entry = byVersion.next();
                List<Node> expired = null;
                for (Iterator<Registration> it = entry.nodes.values().iterator(); it.hasNext();) {
                    Registration r = it.next();
                    if (now - r.expiresAt >= 0) {
                        it.remove();
                        if (expired == null) {
                            expired = new ArrayList<>();
                        }
                        expired.add(r.node);
                    }
                }
                if (expired != null) {
                    watchers.publish(new RegistryEvent(Action.DELETE, entry.template.withNodes(expired)));
                }
                if (entry.nodes.isEmpty()) {
                    byVersion.remove();
                }
            }
            if (versions.isEmpty()) {
                byName.remove();
            }
        }
    }

    private void dropIfEmpty(String name, String version) {
        Map<String, Versioned> versions = services.get(name);
        if (versions.get(version).nodes.isEmpty()) {
            versions.remove(version);
            if (versions.isEmpty()) {
                services.remove(name);
            }
        }
    }

    private void open() {
        if (closed) {
            throw RegistryChecks.closed();
        }
    }

    /** The nodes of one version and the service record they were last registered with. */
    private static final class Versioned {
        private Service template;
        private final Map<String, Registration> nodes = new LinkedHashMap<>();

        Service snapshot() {
            List<Node> list = new ArrayList<>(nodes.size());
            nodes.values().forEach(r -> list.add(r.node));
            return template.withNodes(list);
        }
    }

    /** A node and when it expires, in ticker nanoseconds. */
    private record Registration(Node node, long expiresAt) {
    }
}
