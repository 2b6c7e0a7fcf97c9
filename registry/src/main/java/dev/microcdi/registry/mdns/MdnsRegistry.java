package dev.microcdi.registry.mdns;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import dev.microcdi.registry.mdns.DnsCodec.MalformedMessageException;
import dev.microcdi.registry.support.RegistryChecks;
import dev.microcdi.registry.support.WatchHub;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A registry on multicast DNS, with Go Micro's record layout so that Go and Java services find each other.
 *
 * <p>Each process answers for the nodes it registered: a registration is announced at once (no probing: node
 * ids are unique), repeated {@code announcements - 1} times with doubling pauses, answered on every query,
 * and withdrawn with TTL-0 records on deregistration, on expiry of its TTL without renewal, and on
 * {@link #close()}. Records carry the registration TTL, so a node that crashed leaves its peers' view when
 * its TTL passes.
 *
 * <p>Lookups: the first {@link #getService(String)} of a name sends one query from an ephemeral port and
 * collects unicast answers for {@code micro.registry.mdns.timeout}; from then on the registry follows the
 * multicast announcements and goodbyes, so later lookups answer from memory, and names nearing the end of
 * their TTL are asked for again. Watchers see every announcement on the group, for every service.
 */
public final class MdnsRegistry implements Registry {
    private static final System.Logger LOG = System.getLogger(MdnsRegistry.class.getName());
    private static final int SRV_PRIORITY = 10;
    private static final int SRV_WEIGHT = 1;

    private final MdnsOptions options;
    private final LongSupplier ticker;
    private final String domain;
    private final String servicesName;
    private final TxtCodec txt;
    private final WatchHub watchers = new WatchHub("micro-registry-mdns-watch");
    private final NodeTable table;
    private final ScheduledExecutorService timer;
    private final MdnsNetwork network;
    private final Map<String, LocalNode> local = new LinkedHashMap<>();
    private final Set<String> lookedUp = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> lookups = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Opens the sockets and starts answering.
     *
     * @param options the settings
     * @throws MicroException 400 for a bad interface, 503 when the sockets cannot be opened
     */
    public MdnsRegistry(MdnsOptions options) {
        this.options = options;
        this.ticker = System::nanoTime;
        this.domain = options.domainName();
        this.servicesName = "_services." + domain;
        this.txt = new TxtCodec(options.maxTxtJsonBytes());
        this.table = new NodeTable(options.domain(), txt, watchers);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "micro-registry-mdns-timer");
            t.setDaemon(true);
            return t;
        });
        try {
            this.network = MdnsNetwork.open(options, this::received);
        } catch (RuntimeException e) {
            timer.shutdownNow();
            watchers.close();
            throw e;
        }
        long sweep = options.sweepInterval().toNanos();
        timer.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    @Override
    public void register(Service service, RegisterOptions registerOptions) {
        RegistryChecks.service(service);
        RegisterOptions opts = RegistryChecks.options(registerOptions);
        long ttlSeconds = Math.max(1, (opts.ttl().toMillis() + 999) / 1000);
        List<LocalNode> built = new ArrayList<>();
        for (Node node : service.nodes()) {
            built.add(build(service.withNodes(List.of(node)), ttlSeconds, opts.ttl().toNanos()));
        }
        List<LocalNode> fresh = new ArrayList<>();
        synchronized (this) {
            open();
            long now = ticker.getAsLong();
            for (LocalNode n : built) {
                LocalNode started = n.startingAt(now);
                if (local.put(n.key, started) == null) {
                    fresh.add(started);
                }
                table.apply(n.records, now);
            }
        }
        for (LocalNode n : built) {
            network.multicast(n.announcement, false);
        }
        for (LocalNode n : fresh) {
            long pause = options.announceInterval().toNanos();
            long at = 0;
            for (int i = 1; i < options.announcements(); i++) {
                at += pause;
                pause *= 2;
                timer.schedule(() -> reannounce(n), at, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void reannounce(LocalNode n) {
        synchronized (this) {
            if (closed || local.get(n.key) != n) {
                return;
            }
        }
        network.multicast(n.announcement, false);
    }

    @Override
    public void deregister(Service service) {
        RegistryChecks.service(service);
        List<LocalNode> removed = new ArrayList<>();
        List<DnsRecord> goodbyes = new ArrayList<>();
        synchronized (this) {
            open();
            for (Node node : service.nodes()) {
                LocalNode n = local.remove(key(instanceName(service.name(), node.id())));
                if (n != null) {
                    removed.add(n);
                }
            }
            for (LocalNode n : removed) {
                goodbyes.addAll(goodbyeRecords(n));
            }
            table.apply(goodbyes, ticker.getAsLong());
        }
        send(goodbyes);
    }

    /** The TTL-0 records of a node; the service's {@code _services} entry too when no local node is left. */
    private List<DnsRecord> goodbyeRecords(LocalNode n) {
        boolean lastOfService = local.values().stream().noneMatch(o -> o.service.name().equals(n.service.name()));
        List<DnsRecord> out = new ArrayList<>();
        for (DnsRecord r : n.records) {
            if (lastOfService || !r.name().equals(servicesName)) {
                out.add(r.withTtl(0));
            }
        }
        return out;
    }

    private void send(List<DnsRecord> goodbyes) {
        if (goodbyes.isEmpty()) {
            return;
        }
        for (byte[] packet : packets(goodbyes)) {
            // twice: a lost goodbye would leave the node in peers' views until its TTL
            network.multicast(packet, false);
            network.multicast(packet, false);
        }
    }

    /** Splits records into responses that fit the packet limit, in order. */
    private List<byte[]> packets(List<DnsRecord> records) {
        List<byte[]> out = new ArrayList<>();
        List<DnsRecord> batch = new ArrayList<>();
        for (DnsRecord r : records) {
            batch.add(r);
            if (DnsCodec.encode(DnsMessage.response(0, List.of(), batch)).length > options.maxPacketBytes()
                    && batch.size() > 1) {
                batch.remove(batch.size() - 1);
                out.add(DnsCodec.encode(DnsMessage.response(0, List.of(), batch)));
                batch = new ArrayList<>(List.of(r));
            }
        }
        if (!batch.isEmpty()) {
            out.add(DnsCodec.encode(DnsMessage.response(0, List.of(), batch)));
        }
        return out;
    }

    @Override
    public List<Service> getService(String name) {
        RegistryChecks.name(name);
        open();
        String key = key(name);
        if (!lookedUp.contains(key)) {
            lookUp(key, name + "." + domain);
        }
        return table.services(name, ticker.getAsLong());
    }

    @Override
    public List<Service> listServices() {
        open();
        if (!lookedUp.contains(servicesName)) {
            lookUp(servicesName, servicesName);
        }
        return table.allServices(ticker.getAsLong());
    }

    /** Asks once for a name and waits for the answers; concurrent callers share the query. */
    private void lookUp(String key, String question) {
        CompletableFuture<Void> lookup = lookups.computeIfAbsent(key, k -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            query(question);
            timer.schedule(() -> {
                lookedUp.add(k);
                lookups.remove(k);
                f.complete(null);
            }, options.timeout().toNanos(), TimeUnit.NANOSECONDS);
            return f;
        });
        try {
            lookup.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MicroException(RegistryChecks.ERROR_ID, MicroException.UNAVAILABLE,
                    "interrupted while looking up " + question, e);
        } catch (ExecutionException e) {
            throw new MicroException(RegistryChecks.ERROR_ID, MicroException.UNAVAILABLE,
                    "looking up " + question + " failed", e.getCause());
        }
    }

    private void query(String name) {
        DnsMessage q = DnsMessage.query(ThreadLocalRandom.current().nextInt(1, 0x10000),
                List.of(new DnsQuestion(name, DnsRecord.PTR, false)));
        network.multicast(DnsCodec.encode(q), true);
    }

    @Override
    public Watcher watch(String service, Consumer<RegistryEvent> listener) {
        if (service != null) {
            RegistryChecks.name(service);
        }
        open();
        return watchers.add(service, listener);
    }

    @Override
    public void close() {
        List<DnsRecord> goodbyes = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            while (!local.isEmpty()) {
                LocalNode n = local.remove(local.keySet().iterator().next());
                goodbyes.addAll(goodbyeRecords(n));
            }
            closed = true;
            table.apply(goodbyes, ticker.getAsLong());
        }
        try {
            send(goodbyes);
        } finally {
            timer.shutdownNow();
            network.close();
            watchers.close();
        }
    }

    private void open() {
        if (closed) {
            throw RegistryChecks.closed();
        }
    }

    private void sweep() {
        long now = ticker.getAsLong();
        List<DnsRecord> goodbyes = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            List<LocalNode> expired = local.values().stream().filter(n -> now - n.expiresAt >= 0).toList();
            for (LocalNode n : expired) {
                local.remove(n.key);
                LOG.log(Level.DEBUG, "Registration of {0} expired without renewal", n.instance);
            }
            for (LocalNode n : expired) {
                goodbyes.addAll(goodbyeRecords(n));
            }
            table.apply(goodbyes, now);
        }
        try {
            send(goodbyes);
            table.expire(now);
            for (String name : table.dueForRefresh(now)) {
                query(name + "." + domain);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The mDNS sweep failed", e);
        }
    }

    /** Handles one datagram from the network thread. */
    private void received(byte[] packet, int length, InetSocketAddress source, MdnsNetwork.Link link) {
        DnsMessage message;
        try {
            message = DnsCodec.decode(packet, length);
        } catch (MalformedMessageException e) {
            LOG.log(Level.DEBUG, "Ignoring a malformed mDNS packet from {0}: {1}", source, e.getMessage());
            return;
        }
        if (message.isResponse()) {
            List<DnsRecord> records = new ArrayList<>(message.answers());
            records.addAll(message.additionals());
            table.apply(records, ticker.getAsLong());
        } else if (!message.questions().isEmpty()) {
            answer(message, source, link);
        }
    }

    /** Answers the questions about our nodes: by unicast to one-shot queriers, else on the group. */
    private void answer(DnsMessage query, InetSocketAddress source, MdnsNetwork.Link link) {
        List<List<DnsRecord>> sets = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            for (LocalNode n : local.values()) {
                if (asksFor(query, n)) {
                    sets.add(n.records);
                }
            }
        }
        if (sets.isEmpty()) {
            return;
        }
        boolean oneShot = source.getPort() != options.port();
        boolean unicast = oneShot || query.questions().stream().anyMatch(DnsQuestion::unicastResponse);
        for (List<DnsRecord> records : sets) {
            DnsMessage response = DnsMessage.response(oneShot ? query.id() : 0,
                    oneShot ? query.questions() : List.of(), records);
            byte[] bytes = DnsCodec.encode(response);
            if (unicast) {
                link.send(bytes, source, false);
            } else {
                network.multicast(bytes, false);
            }
        }
    }

    private boolean asksFor(DnsMessage query, LocalNode n) {
        for (DnsQuestion q : query.questions()) {
            String name = key(q.name());
            if (q.asks(DnsRecord.PTR) && (name.equals(key(servicesName)) || name.equals(key(n.serviceName)))) {
                return true;
            }
            if (name.equals(n.key) && (q.asks(DnsRecord.SRV) || q.asks(DnsRecord.TXT) || q.asks(DnsRecord.A)
                    || q.asks(DnsRecord.AAAA))) {
                return true;
            }
        }
        return false;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private String instanceName(String service, String nodeId) {
        return nodeId + "." + service + "." + domain;
    }

    /** Makes the records of one node and checks that they can be sent. */
    private LocalNode build(Service single, long ttlSeconds, long ttlNanos) {
        Node node = single.nodes().get(0);
        String serviceName = single.name() + "." + domain;
        String instance = instanceName(single.name(), node.id());
        int port;
        List<InetAddress> addresses;
        try {
            DnsCodec.checkName(instance);
            DnsCodec.checkName(single.name() + "." + servicesName);
            port = node.port();
            addresses = addresses(node.host());
        } catch (IllegalArgumentException e) {
            throw MicroException.badRequest(RegistryChecks.ERROR_ID, "cannot announce node %s of %s on mDNS: %s",
                    node.id(), single.name(), e.getMessage());
        }
        List<String> text = txt.encode(new TxtPayload(node.metadata(), single.name(), single.version(),
                single.endpoints(), node.address(), single.metadata()));
        List<DnsRecord> records = new ArrayList<>();
        records.add(new DnsRecord(serviceName, false, ttlSeconds, new DnsRecord.Ptr(instance)));
        records.add(new DnsRecord(instance, true, ttlSeconds,
                new DnsRecord.Srv(SRV_PRIORITY, SRV_WEIGHT, port, instance)));
        records.add(new DnsRecord(instance, true, ttlSeconds, new DnsRecord.Txt(text)));
        for (InetAddress a : addresses) {
            records.add(new DnsRecord(instance, true, ttlSeconds, new DnsRecord.Address(a)));
        }
        records.add(new DnsRecord(servicesName, false, ttlSeconds,
                new DnsRecord.Ptr(single.name() + "." + servicesName)));
        byte[] announcement = DnsCodec.encode(DnsMessage.response(0, List.of(), records));
        if (announcement.length > options.maxPacketBytes()) {
            throw MicroException.of(RegistryChecks.ERROR_ID, MicroException.TOO_LARGE,
                    "the mDNS records of %s (%d bytes) exceed %s=%d", single.name(), announcement.length,
                    MdnsOptions.MAX_PACKET.key(), options.maxPacketBytes());
        }
        return new LocalNode(single, key(instance), instance, serviceName, records, announcement, ttlNanos, 0);
    }

    /** The addresses of a node host: the literal, the interfaces' for a wildcard, else a name lookup. */
    private List<InetAddress> addresses(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            if (all.length == 1 && all[0].isAnyLocalAddress()) {
                return network.links().stream().map(l -> (InetAddress) l.address()).toList();
            }
            return List.of(all);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }

    /**
     * A node this process answers for.
     *
     * @param service the service with this one node
     * @param key the lower-case instance name
     * @param instance the instance name
     * @param serviceName the service's DNS name
     * @param records its records at full TTL
     * @param announcement the announcement packet
     * @param ttlNanos the registration TTL
     * @param expiresAt when the registration lapses without renewal, in ticker time
     */
    private record LocalNode(Service service, String key, String instance, String serviceName,
            List<DnsRecord> records, byte[] announcement, long ttlNanos, long expiresAt) {

        LocalNode startingAt(long now) {
            return new LocalNode(service, key, instance, serviceName, records, announcement, ttlNanos, now + ttlNanos);
        }
    }
}
