package dev.microcdi.registry.mdns;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import dev.microcdi.registry.support.WatchHub;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What this process has heard on mDNS, its own registrations included: records grouped by instance
 * ({@code <node-id>.<service>.<domain>.}), resolved into nodes once the TXT record and an address are known.
 * Records expire with their TTL, a record with TTL 0 removes its instance at once, and each change of a
 * resolved node is published to the watchers. Thread-safe; events are published under the table's lock, so
 * watchers see them in order.
 */
final class NodeTable {
    private static final System.Logger LOG = System.getLogger(NodeTable.class.getName());
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final String domainSuffix;
    private final String servicesName;
    private final TxtCodec txt;
    private final WatchHub watchers;
    private final Map<String, Instance> instances = new HashMap<>();
    private final Map<String, Map<InetAddress, Long>> hosts = new HashMap<>();
    private final Map<String, Long> listed = new HashMap<>();

    NodeTable(String domain, TxtCodec txt, WatchHub watchers) {
        this.domainSuffix = "." + domain.toLowerCase(Locale.ROOT) + ".";
        this.servicesName = "_services" + domainSuffix;
        this.txt = txt;
        this.watchers = watchers;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static long expiry(long now, long ttlSeconds) {
        return now + ttlSeconds * NANOS_PER_SECOND;
    }

    /**
     * Applies the records of one message.
     *
     * @param records answers and additional records
     * @param now the ticker time
     */
    synchronized void apply(List<DnsRecord> records, long now) {
        Set<Instance> touched = new LinkedHashSet<>();
        for (DnsRecord r : records) {
            String name = key(r.name());
            if (!name.endsWith(domainSuffix)) {
                continue;
            }
            DnsRecord.Data data = r.data();
            if (data instanceof DnsRecord.Ptr p && name.equals(servicesName)) {
                listedService(p.target(), r.ttl(), now);
            } else if (data instanceof DnsRecord.Ptr p) {
                Instance in = instance(p.target());
                if (in != null) {
                    in.serviceName = r.name().substring(0, r.name().length() - domainSuffix.length());
                    in.ptrExpires = r.ttl() == 0 ? 0 : expiry(now, r.ttl());
                    in.gone |= r.ttl() == 0;
                    touched.add(in);
                }
            } else if (data instanceof DnsRecord.Srv s) {
                Instance in = instance(r.name());
                in.srv = s;
                in.srvExpires = expiry(now, r.ttl());
                in.gone |= r.ttl() == 0;
                touched.add(in);
            } else if (data instanceof DnsRecord.Txt t) {
                Instance in = instance(r.name());
                in.gone |= r.ttl() == 0;
                if (r.ttl() > 0) {
                    try {
                        in.txt = txt.decode(t.strings());
                        in.txtExpires = expiry(now, r.ttl());
                        in.refreshAt = now + r.ttl() * NANOS_PER_SECOND * 4 / 5;
                        in.refreshAsked = false;
                    } catch (IllegalArgumentException e) {
                        LOG.log(Level.DEBUG, "Ignoring the TXT record of {0}: {1}", r.name(), e.getMessage());
                    }
                }
                touched.add(in);
            }
        }
        for (DnsRecord r : records) {
            if (r.data() instanceof DnsRecord.Address a) {
                String host = key(r.name());
                Map<InetAddress, Long> addresses = hosts.computeIfAbsent(host, h -> new LinkedHashMap<>());
                if (r.ttl() == 0) {
                    addresses.remove(a.address());
                } else {
                    addresses.put(a.address(), expiry(now, r.ttl()));
                }
                for (Instance in : instances.values()) {
                    if (in.srv != null && key(in.srv.target()).equals(host)) {
                        touched.add(in);
                    }
                }
            }
        }
        for (Instance in : touched) {
            settle(in);
        }
    }

    private void listedService(String target, long ttl, long now) {
        String suffix = "._services" + domainSuffix;
        if (!key(target).endsWith(suffix)) {
            return;
        }
        String service = target.substring(0, target.length() - suffix.length());
        if (ttl == 0) {
            listed.remove(service);
        } else {
            listed.put(service, expiry(now, ttl));
        }
    }

    private Instance instance(String name) {
        String k = key(name);
        if (!k.endsWith(domainSuffix)) {
            return null;
        }
        return instances.computeIfAbsent(k, x -> new Instance(name));
    }

    /** Publishes what changed for an instance after new records. */
    private void settle(Instance in) {
        if (in.gone) {
            instances.remove(key(in.name));
            if (in.resolved != null) {
                watchers.publish(new RegistryEvent(Action.DELETE, in.resolved));
            }
            return;
        }
        Service now = resolve(in);
        if (now == null) {
            return;
        }
        Service before = in.resolved;
        in.resolved = now;
        if (before == null) {
            watchers.publish(new RegistryEvent(Action.CREATE, now));
        } else if (!before.equals(now)) {
            watchers.publish(new RegistryEvent(Action.UPDATE, now));
        }
    }

    private Service resolve(Instance in) {
        TxtPayload p = in.txt;
        if (p == null) {
            return null;
        }
        String address = p.address();
        if (address == null) {
            address = addressFromSrv(in.srv);
            if (address == null) {
                return null;
            }
        }
        String suffix = "." + key(p.service()) + domainSuffix;
        String id = key(in.name).endsWith(suffix) ? in.name.substring(0, in.name.length() - suffix.length())
                : in.name.substring(0, in.name.length() - 1);
        return new Service(p.service(), p.version(), p.serviceMetadata(), p.endpoints(),
                List.of(new Node(id, address, p.metadata())));
    }

    private String addressFromSrv(DnsRecord.Srv srv) {
        if (srv == null) {
            return null;
        }
        Map<InetAddress, Long> addresses = hosts.get(key(srv.target()));
        if (addresses == null || addresses.isEmpty()) {
            return null;
        }
        InetAddress chosen = addresses.keySet().stream().filter(Inet4Address.class::isInstance).findFirst()
                .orElse(addresses.keySet().iterator().next());
        String host = chosen.getHostAddress();
        return (chosen instanceof Inet4Address ? host : "[" + host + "]") + ":" + srv.port();
    }

    /**
     * Drops expired records and publishes the nodes that left.
     *
     * @param now the ticker time
     */
    synchronized void expire(long now) {
        for (Iterator<Instance> it = instances.values().iterator(); it.hasNext();) {
            Instance in = it.next();
            if (in.expired(now)) {
                it.remove();
                if (in.resolved != null) {
                    watchers.publish(new RegistryEvent(Action.DELETE, in.resolved));
                }
            }
        }
        for (Iterator<Map<InetAddress, Long>> it = hosts.values().iterator(); it.hasNext();) {
            Map<InetAddress, Long> addresses = it.next();
            addresses.values().removeIf(e -> now - e >= 0);
            if (addresses.isEmpty()) {
                it.remove();
            }
        }
        listed.values().removeIf(e -> now - e >= 0);
    }

    /**
     * The services heard of whose records near the end of their TTL, each returned once per TTL, so that
     * they are asked for again before they expire (nodes that never re-announce stay known).
     *
     * @param now the ticker time
     * @return service names
     */
    synchronized Set<String> dueForRefresh(long now) {
        Set<String> due = new HashSet<>();
        for (Instance in : instances.values()) {
            if (in.resolved != null && !in.refreshAsked && now - in.refreshAt >= 0) {
                in.refreshAsked = true;
                due.add(in.resolved.name());
            }
        }
        return due;
    }

    /**
     * The resolved nodes of a service, one entry per version.
     *
     * @param name the service name
     * @param now the ticker time
     * @return the services
     */
    synchronized List<Service> services(String name, long now) {
        expire(now);
        Map<String, List<Node>> nodes = new LinkedHashMap<>();
        Map<String, Service> templates = new HashMap<>();
        for (Instance in : instances.values()) {
            Service s = in.resolved;
            if (s != null && s.name().equals(name)) {
                templates.putIfAbsent(s.version(), s);
                nodes.computeIfAbsent(s.version(), v -> new ArrayList<>()).addAll(s.nodes());
            }
        }
        List<Service> out = new ArrayList<>(nodes.size());
        nodes.forEach((version, list) -> out.add(templates.get(version).withNodes(list)));
        return List.copyOf(out);
    }

    /**
     * Every service heard of: resolved ones with their nodes, and those only listed under
     * {@code _services} by name.
     *
     * @param now the ticker time
     * @return the services
     */
    synchronized List<Service> allServices(long now) {
        expire(now);
        Set<String> names = new LinkedHashSet<>(listed.keySet());
        for (Instance in : instances.values()) {
            if (in.resolved != null) {
                names.add(in.resolved.name());
            }
        }
        List<Service> out = new ArrayList<>();
        for (String name : names) {
            List<Service> known = services(name, now);
            if (known.isEmpty()) {
                out.add(new Service(name, null, null, null, null));
            } else {
                out.addAll(known);
            }
        }
        return List.copyOf(out);
    }

    /** The records heard for one instance name. */
    private static final class Instance {
        private final String name;
        private String serviceName;
        private DnsRecord.Srv srv;
        private TxtPayload txt;
        private long ptrExpires;
        private long srvExpires;
        private long txtExpires;
        private long refreshAt;
        private boolean refreshAsked;
        private boolean gone;
        private Service resolved;

        Instance(String name) {
            this.name = name;
        }

        boolean expired(long now) {
            return (txt != null && now - txtExpires >= 0) || (srv != null && now - srvExpires >= 0)
                    || (ptrExpires != 0 && now - ptrExpires >= 0) || (txt == null && srv == null && serviceName == null);
        }
    }
}
