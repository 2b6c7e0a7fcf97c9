package dev.microcdi.cdi;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Providers;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.AttemptListener;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.ClientProvider;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.BrokerProvider;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.CodecProvider;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Endpoint;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryProvider;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.api.selector.SelectorProvider;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Server;
import dev.microcdi.api.server.ServerProvider;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.StreamProvider;
import dev.microcdi.broker.http.ServerPortSharing;
import dev.microcdi.registry.cache.CachingRegistry;
import dev.microcdi.transport.server.HttpHost;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The components of one application (codecs, registry, selectors, client, server) and its lifecycle: start
 * the server, register every service and renew the registrations before their TTL, and on shutdown
 * deregister, stop accepting, drain calls in flight for the grace period, and close. Thread-safe.
 */
final class MicroRuntime {
    private static final System.Logger LOG = System.getLogger(MicroRuntime.class.getName());

    private final Settings settings;
    private final ClassLoader loader;
    private final UserBeans userBeans;
    private final ServerInfo serverInfo;
    private final Map<String, Selector> selectorsByName = new ConcurrentHashMap<>();
    private final Map<String, Selector> selectorsByService = new ConcurrentHashMap<>();

    private Codecs codecs;
    private Registry registry;
    private Client client;
    private Server server;
    private Broker broker;
    private EventStream stream;
    private List<Service> registered = List.of();
    private ScheduledExecutorService renewer;
    private ScheduledFuture<?> renewal;
    private boolean closed;

    MicroRuntime(Settings settings, ClassLoader loader, UserBeans userBeans) {
        this.settings = settings;
        this.loader = loader;
        this.userBeans = userBeans;
        String configuredId = settings.string("micro.server.id", null);
        this.serverInfo = new ServerInfo(configuredId == null ? UUID.randomUUID().toString() : configuredId,
                configuredId != null, this::serverAddress);
    }

    Settings settings() {
        return settings;
    }

    ServerInfo serverInfo() {
        return serverInfo;
    }

    synchronized Codecs codecs() {
        if (codecs == null) {
            Optional<Codecs> user = userBeans.single(Codecs.class);
            if (user.isPresent()) {
                codecs = user.get();
                return codecs;
            }
            List<Codec> all = new ArrayList<>(userBeans.all(Codec.class));
            for (CodecProvider p : Providers.all(CodecProvider.class, loader)) {
                all.add(p.create(settings));
            }
            codecs = new Codecs(all);
        }
        return codecs;
    }

    synchronized Registry registry() {
        ensureOpen();
        if (registry == null) {
            Registry delegate = userBeans.single(Registry.class).orElseGet(() -> Providers
                    .named(RegistryProvider.class, registryName(), loader).create(settings));
            registry = new CachingRegistry(delegate, settings);
        }
        return registry;
    }

    private String registryName() {
        return settings.string("micro.registry", "mdns");
    }

    /** The selector for calls to a service: {@code micro.client."svc".selector}, else {@code micro.client.selector}. */
    Selector selector(String service) {
        return selectorsByService.computeIfAbsent(service, s -> {
            Optional<Selector> user = userBeans.single(Selector.class);
            if (user.isPresent()) {
                return user.get();
            }
            return namedSelector(ServiceSettings.forService(settings, s).string("micro.client.selector", "random"));
        });
    }

    /** The one selector instance of a strategy name, for configuration and for calls that name a strategy. */
    Selector namedSelector(String name) {
        return selectorsByName.computeIfAbsent(name,
                n -> Providers.named(SelectorProvider.class, n, loader).create(settings));
    }

    synchronized Client client() {
        ensureOpen();
        if (client == null) {
            client = userBeans.single(Client.class).orElseGet(() -> Providers
                    .named(ClientProvider.class, settings.string("micro.client", "mucp"), loader)
                    .create(new ClientContext(settings, registry(), this::selector, codecs(), this::namedSelector,
                            userBeans.all(AttemptListener.class))));
        }
        return client;
    }

    /**
     * The broker of {@code micro.broker} (default {@code http}), connected, or the application's own bean. A
     * broker that can share the server's port receives on it when this process serves.
     */
    synchronized Broker broker() {
        ensureOpen();
        if (broker == null) {
            Broker b = userBeans.single(Broker.class).orElseGet(() -> Providers
                    .named(BrokerProvider.class, settings.string("micro.broker", "http"), loader)
                    .create(settings, registry()));
            if (b instanceof ServerPortSharing sharing && server instanceof HttpHost host && !registered.isEmpty()) {
                sharing.receiveOn(host);
            }
            b.connect();
            broker = b;
        }
        return broker;
    }

    /** The event stream of {@code micro.stream} (default {@code memory}), or the application's own bean. */
    synchronized EventStream stream() {
        ensureOpen();
        if (stream == null) {
            stream = userBeans.single(EventStream.class).orElseGet(() -> Providers
                    .named(StreamProvider.class, settings.string("micro.stream", "memory"), loader)
                    .create(settings));
        }
        return stream;
    }

    private synchronized Server server() {
        ensureOpen();
        if (server == null) {
            server = userBeans.single(Server.class).orElseGet(() -> Providers
                    .named(ServerProvider.class, settings.string("micro.server", "mucp"), loader)
                    .create(settings, codecs()));
        }
        return server;
    }

    private synchronized String serverAddress() {
        if (server == null || registered.isEmpty()) {
            throw new IllegalStateException("the server has not started");
        }
        return server.address();
    }

    /**
     * Starts the server with the given services and registers them. Does nothing without services.
     *
     * @throws MicroException when the server cannot start or the first registration fails
     */
    synchronized void start(List<ServiceDefinition> services) {
        if (services.isEmpty()) {
            return;
        }
        Server s = server();
        services.forEach(s::register);
        s.start();
        Map<String, String> nodeMetadata = new HashMap<>(s.nodeMetadata());
        nodeMetadata.put("registry", registryName());
        List<Service> records = new ArrayList<>();
        for (ServiceDefinition d : services) {
            Map<String, String> meta = new HashMap<>(nodeMetadata);
            meta.put("version", d.version());
            Node node = new Node(serverInfo.nodeId(d.name()), s.address(), meta);
            records.add(new Service(d.name(), d.version(), d.metadata(), endpoints(d), List.of(node)));
        }
        RegisterOptions options = RegisterOptions.builder()
                .ttl(settings.duration("micro.registry.ttl", Duration.ofSeconds(60))).build();
        Registry r = registry();
        for (Service svc : records) {
            r.register(svc, options);
            LOG.log(Level.INFO, "Registered {0} {1} as node {2} at {3}", svc.name(), svc.version(),
                    svc.nodes().get(0).id(), s.address());
        }
        registered = List.copyOf(records);
        Duration interval = settings.duration("micro.registry.interval", Duration.ofSeconds(30));
        renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "micro-registry-renew");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        renewal = renewer.scheduleWithFixedDelay(() -> renew(options), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void renew(RegisterOptions options) {
        List<Service> current;
        Registry r;
        synchronized (this) {
            if (closed) {
                return;
            }
            current = registered;
            r = registry;
        }
        for (Service svc : current) {
            try {
                r.register(svc, options);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Renewing the registration of " + svc.name() + " failed; retrying at the "
                        + "next interval", e);
            }
        }
    }

    private static List<Endpoint> endpoints(ServiceDefinition d) {
        List<Endpoint> out = new ArrayList<>();
        for (EndpointDefinition e : d.endpoints()) {
            Map<String, String> meta = new LinkedHashMap<>();
            if (e.idempotent()) {
                meta.put("idempotent", "true");
            }
            out.add(new Endpoint(e.name(), TypeShapes.describe(e.requestType()), TypeShapes.describe(e.responseType()),
                    meta));
        }
        return out;
    }

    /**
     * Deregisters, waits {@code micro.server.deregister-delay} (default 0) while still serving, drains calls in
     * flight for {@code micro.server.grace} (default 10 s), and closes every component. Idempotent.
     */
    void shutdown() {
        List<Service> toDeregister;
        Server s;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toDeregister = registered;
            s = server;
            if (renewal != null) {
                renewal.cancel(false);
                renewer.shutdownNow();
            }
        }
        for (Service svc : toDeregister) {
            try {
                registry.deregister(svc);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Deregistering " + svc.name() + " failed", e);
            }
        }
        awaitDeregistration(toDeregister);
        if (s != null) {
            Duration grace = settings.duration("micro.server.grace", Duration.ofSeconds(10));
            try {
                s.shutdown(grace).toCompletableFuture().get(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.close();
            } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                LOG.log(Level.WARNING, "The server did not drain cleanly; closing it", e);
                s.close();
            }
        }
        synchronized (this) {
            if (broker != null) {
                broker.close();
            }
            if (stream != null) {
                stream.close();
            }
            if (client != null) {
                client.close();
            }
            if (registry != null) {
                registry.close();
            }
        }
    }

    /**
     * Keeps serving for {@code micro.server.deregister-delay} (default 0) after deregistering, so that callers
     * drop this node on the registry's news before the server stops accepting: no attempt then fails on it.
     */
    private void awaitDeregistration(List<Service> deregistered) {
        Duration delay = settings.duration("micro.server.deregister-delay", Duration.ZERO);
        if (deregistered.isEmpty() || delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw MicroException.unavailable("micro.runtime", "the application is shutting down");
        }
    }
}
