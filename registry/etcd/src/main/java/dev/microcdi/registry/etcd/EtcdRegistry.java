package dev.microcdi.registry.etcd;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import dev.microcdi.registry.support.RegistryChecks;
import dev.microcdi.registry.support.WatchHub;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Lease;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A registry on etcd v3, in Go Micro's layout: each node is one key {@code <prefix><service>/<node-id>} whose
 * value is the JSON of its service with that single node (Go Micro's etcd registry reads and writes the same
 * keys). Slashes in service names and node ids become dashes, as in Go Micro.
 *
 * <p>Each node's key lives under its own lease whose TTL is the registration TTL: registering again with the
 * same content renews the lease (one keep-alive), and a node whose process stops renewing disappears from
 * etcd, and from every peer's view, when its lease expires. Registering changed content, or after the lease
 * expired, puts the key under a new lease. Deregistration deletes the key and revokes the lease; {@link #close()}
 * leaves registrations to their TTL.
 *
 * <p>One etcd watch of the whole prefix (with previous values, so that deletions and expiries name their node)
 * feeds every {@link #watch} listener; after a watch failure the registry watches again from the next revision.
 * Lookups read etcd each time; put {@code CachingRegistry} in front for the client's hot path. Every etcd
 * request is bounded by {@link EtcdOptions#timeout()}; a failure to reach etcd raises a 503. Thread-safe.
 */
public final class EtcdRegistry implements Registry {
    private static final System.Logger LOG = System.getLogger(EtcdRegistry.class.getName());

    private final EtcdOptions options;
    private final Client client;
    private final KV kv;
    private final Lease leases;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final WatchHub hub = new WatchHub("micro-registry-etcd-watch");
    private final ScheduledExecutorService rewatcher;
    private final Object watchLock = new Object();
    private Watch.Watcher etcdWatch;
    private long nextRevision;
    private volatile boolean closed;

    /** A node this registry put: its lease, and what it wrote under it. */
    private record Registration(long leaseId, long ttlSeconds, byte[] value) {
    }

    /**
     * Connects to etcd; the connection opens on the first request.
     *
     * @param options the endpoints, prefix and timeouts
     */
    public EtcdRegistry(EtcdOptions options) {
        this.options = options;
        this.client = Client.builder().endpoints(options.endpoints().toArray(java.net.URI[]::new))
                .connectTimeout(options.timeout()).build();
        this.kv = client.getKVClient();
        this.leases = client.getLeaseClient();
        this.rewatcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "micro-registry-etcd-rewatch");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void register(Service service, RegisterOptions registerOptions) {
        RegistryChecks.service(service);
        long ttl = Math.max(1, (RegistryChecks.options(registerOptions).ttl().toMillis() + 999) / 1000);
        open();
        for (Node node : service.nodes()) {
            String key = key(service.name(), node.id());
            byte[] value = encode(service.withNodes(List.of(node)));
            registrations.compute(key, (k, current) -> put(k, value, ttl, current));
        }
    }

    /** Renews the current lease when nothing changed, else puts the key under a new lease. */
    private Registration put(String key, byte[] value, long ttl, Registration current) {
        if (current != null && current.ttlSeconds == ttl && Arrays.equals(current.value, value)) {
            try {
                if (await(leases.keepAliveOnce(current.leaseId), "renew the lease of " + key).getTTL() > 0) {
                    return current;
                }
            } catch (MicroException expired) {
                LOG.log(Level.DEBUG, "The lease of {0} is gone ({1}); registering under a new lease", key,
                        expired.detail());
            }
        }
        long lease = await(leases.grant(ttl), "grant a lease for " + key).getID();
        await(kv.put(bytes(key), ByteSequence.from(value), PutOption.builder().withLeaseId(lease).build()),
                "put " + key);
        if (current != null && current.leaseId != lease) {
            leases.revoke(current.leaseId);
        }
        return new Registration(lease, ttl, value);
    }

    @Override
    public void deregister(Service service) {
        RegistryChecks.service(service);
        open();
        for (Node node : service.nodes()) {
            String key = key(service.name(), node.id());
            Registration r = registrations.remove(key);
            await(kv.delete(bytes(key)), "delete " + key);
            if (r != null) {
                leases.revoke(r.leaseId);
            }
        }
    }

    @Override
    public List<Service> getService(String name) {
        RegistryChecks.name(name);
        open();
        return read(options.prefix() + escape(name) + "/");
    }

    @Override
    public List<Service> listServices() {
        open();
        return read(options.prefix());
    }

    /** Every node under a prefix, grouped into one service per name and version. */
    private List<Service> read(String prefix) {
        List<KeyValue> kvs = await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
                "read " + prefix).getKvs();
        Map<String, Service> byVersion = new LinkedHashMap<>();
        for (KeyValue entry : kvs) {
            Service s = decode(entry);
            if (s == null) {
                continue;
            }
            byVersion.merge(s.name() + "\u0000" + s.version(), s, (a, b) -> {
                List<Node> nodes = new ArrayList<>(a.nodes());
                nodes.addAll(b.nodes());
                return a.withNodes(nodes);
            });
        }
        return List.copyOf(byVersion.values());
    }

    @Override
    public Watcher watch(String service, Consumer<RegistryEvent> listener) {
        if (service != null) {
            RegistryChecks.name(service);
        }
        open();
        Watcher w = hub.add(service, listener);
        synchronized (watchLock) {
            if (etcdWatch == null) {
                startWatch();
            }
        }
        return w;
    }

    /** Watches the whole prefix from {@link #nextRevision} (0: from now); called under {@link #watchLock}. */
    private void startWatch() {
        WatchOption.Builder opts = WatchOption.builder().isPrefix(true).withPrevKV(true);
        if (nextRevision > 0) {
            opts.withRevision(nextRevision);
        }
        etcdWatch = client.getWatchClient().watch(bytes(options.prefix()), opts.build(),
                Watch.listener(this::onWatch, this::onWatchError));
    }

    private void onWatch(WatchResponse response) {
        for (WatchEvent event : response.getEvents()) {
            KeyValue current = event.getKeyValue();
            synchronized (watchLock) {
                nextRevision = Math.max(nextRevision, current.getModRevision() + 1);
            }
            KeyValue previous = event.getPrevKV();
            boolean hadPrevious = previous != null && !previous.getValue().isEmpty();
            if (event.getEventType() == WatchEvent.EventType.PUT) {
                Service s = decode(current);
                if (s != null) {
                    hub.publish(new RegistryEvent(hadPrevious ? Action.UPDATE : Action.CREATE, s));
                }
            } else if (event.getEventType() == WatchEvent.EventType.DELETE) {
                Service s = hadPrevious ? decode(previous) : fromKey(current);
                if (s != null) {
                    hub.publish(new RegistryEvent(Action.DELETE, s));
                }
            }
        }
    }

    private void onWatchError(Throwable error) {
        if (closed) {
            return;
        }
        LOG.log(Level.WARNING, "The etcd watch failed; watching again in {0} ms: {1}",
                options.rewatchDelay().toMillis(), error.toString());
        synchronized (watchLock) {
            if (etcdWatch != null) {
                etcdWatch.close();
                etcdWatch = null;
            }
        }
        rewatcher.schedule(() -> {
            synchronized (watchLock) {
                if (!closed && etcdWatch == null) {
                    startWatch();
                }
            }
        }, options.rewatchDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A deleted key without its previous value: its service name and node id, version unknown. */
    private Service fromKey(KeyValue kv) {
        String key = kv.getKey().toString(StandardCharsets.UTF_8).substring(options.prefix().length());
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            return null;
        }
        return new Service(key.substring(0, slash), "latest", Map.of(), List.of(),
                List.of(new Node(key.substring(slash + 1), "", Map.of())));
    }

    private byte[] encode(Service s) {
        try {
            return json.writeValueAsBytes(s);
        } catch (IOException e) {
            throw MicroException.badRequest(RegistryChecks.ERROR_ID, "cannot encode service %s: %s", s.name(),
                    e.getMessage());
        }
    }

    /** The service of a key, or null (logged) when its value is not a service with nodes. */
    private Service decode(KeyValue entry) {
        try {
            Service s = json.readValue(entry.getValue().getBytes(), Service.class);
            return s.nodes().isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring etcd key {0}: not a service ({1})",
                    entry.getKey().toString(StandardCharsets.UTF_8), e.getMessage());
            return null;
        }
    }

    private String key(String service, String nodeId) {
        return options.prefix() + escape(service) + "/" + escape(nodeId);
    }

    private static String escape(String part) {
        return part.replace('/', '-');
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** Waits for an etcd request within the timeout; any failure is a 503 naming what was done. */
    private <T> T await(CompletableFuture<T> request, String what) {
        try {
            return request.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel(true);
            throw new MicroException(RegistryChecks.ERROR_ID, MicroException.UNAVAILABLE,
                    "interrupted while waiting for etcd to " + what, e);
        } catch (TimeoutException e) {
            request.cancel(true);
            throw new MicroException(RegistryChecks.ERROR_ID, MicroException.UNAVAILABLE,
                    "etcd at " + options.endpoints() + " did not " + what + " within " + options.timeout(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new MicroException(RegistryChecks.ERROR_ID, MicroException.UNAVAILABLE,
                    "etcd at " + options.endpoints() + " failed to " + what + ": " + cause.getMessage(), cause);
        }
    }

    @Override
    public void close() {
        Watch.Watcher w;
        synchronized (watchLock) {
            if (closed) {
                return;
            }
            closed = true;
            w = etcdWatch;
            etcdWatch = null;
        }
        if (w != null) {
            w.close();
        }
        rewatcher.shutdownNow();
        hub.close();
        client.close();
    }

    private void open() {
        if (closed) {
            throw RegistryChecks.closed();
        }
    }
}
