package dev.microcdi.registry.mdns;

import dev.microcdi.api.MicroException;
import dev.microcdi.registry.support.RegistryChecks;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The sockets of one mDNS registry, all bound to the configured interfaces (loopback by default) and never to
 * a wildcard address:
 * <ul>
 * <li>a receiver bound to the group address and port, joined to the group on each interface, for queries
 * and announcements of other processes;</li>
 * <li>per interface, an announcer bound to the interface address and the mDNS port (an ephemeral port when
 * another program holds it exclusively), which sends announcements, goodbyes and answers;</li>
 * <li>per interface, a querier bound to the interface address and an ephemeral port, which sends one-shot
 * queries and receives their unicast answers, so a fresh process can look up at once.</li>
 * </ul>
 * Multicast leaves only through the configured interfaces ({@code IP_MULTICAST_IF}); packets from sources
 * outside their subnets are dropped. One daemon thread reads every socket.
 */
final class MdnsNetwork implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MdnsNetwork.class.getName());
    private static final int RECEIVE_BUFFER = 65_536;

    /** Receives what arrives on the sockets. */
    interface Handler {
        /**
         * Handles one datagram.
         *
         * @param packet the bytes, valid only during the call
         * @param length how many bytes are valid
         * @param source the sender
         * @param link the interface the sender is on
         */
        void received(byte[] packet, int length, InetSocketAddress source, Link link);
    }

    private final InetSocketAddress groupAddress;
    private final List<Link> links;
    private final DatagramChannel receiver;
    private final Selector selector;
    private final Thread reader;
    private volatile boolean closed;

    private MdnsNetwork(InetSocketAddress groupAddress, List<Link> links, DatagramChannel receiver,
            Selector selector, Handler handler) {
        this.groupAddress = groupAddress;
        this.links = links;
        this.receiver = receiver;
        this.selector = selector;
        this.reader = new Thread(() -> readLoop(handler), "micro-registry-mdns-io");
        reader.setDaemon(true);
    }

    /**
     * Opens the sockets and starts reading.
     *
     * @param options the interfaces, group and port
     * @param handler where datagrams go
     * @return the running network
     * @throws MicroException 400 for an unknown interface, 503 when a socket cannot be opened
     */
    static MdnsNetwork open(MdnsOptions options, Handler handler) {
        List<NetworkInterface> interfaces = new ArrayList<>();
        List<Inet4Address> addresses = new ArrayList<>();
        for (String spec : options.interfaces()) {
            resolve(spec, interfaces, addresses);
        }
        InetSocketAddress group = new InetSocketAddress(options.group(), options.port());
        List<DatagramChannel> opened = new ArrayList<>();
        try {
            Selector selector = Selector.open();
            DatagramChannel receiver = channel(opened);
            receiver.bind(group);
            for (NetworkInterface nif : interfaces) {
                receiver.join(options.group(), nif);
            }
            receiver.configureBlocking(false).register(selector, SelectionKey.OP_READ, null);
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < interfaces.size(); i++) {
                NetworkInterface nif = interfaces.get(i);
                Inet4Address address = addresses.get(i);
                DatagramChannel announcer = channel(opened);
                multicastThrough(announcer, nif);
                try {
                    announcer.bind(new InetSocketAddress(address, options.port()));
                } catch (IOException portTaken) {
                    LOG.log(Level.DEBUG, "mDNS port {0} on {1} is taken; announcing from an ephemeral port",
                            options.port(), address.getHostAddress());
                    announcer.close();
                    opened.remove(announcer);
                    announcer = channel(opened);
                    multicastThrough(announcer, nif);
                    announcer.bind(new InetSocketAddress(address, 0));
                }
                DatagramChannel querier = channel(opened);
                multicastThrough(querier, nif);
                querier.bind(new InetSocketAddress(address, 0));
                Link link = new Link(nif, address, announcer, querier, group);
                announcer.configureBlocking(false).register(selector, SelectionKey.OP_READ, link);
                querier.configureBlocking(false).register(selector, SelectionKey.OP_READ, link);
                links.add(link);
            }
            MdnsNetwork network = new MdnsNetwork(group, List.copyOf(links), receiver, selector, handler);
            network.reader.start();
            return network;
        } catch (IOException | RuntimeException e) {
            for (DatagramChannel c : opened) {
                closeQuietly(c);
            }
            if (e instanceof MicroException m) {
                throw m;
            }
            throw new MicroException(RegistryChecks.ERROR_ID, MicroException.UNAVAILABLE,
                    "cannot open the mDNS sockets on " + options.interfaces() + ": " + e.getMessage(), e);
        }
    }

    private static DatagramChannel channel(List<DatagramChannel> opened) throws IOException {
        DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
        opened.add(c);
        c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        c.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
        return c;
    }

    private static void multicastThrough(DatagramChannel c, NetworkInterface nif) throws IOException {
        c.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
        c.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        c.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 255);
    }

    /** Finds the interface named by a setting item: an IPv4 address or an interface name. */
    private static void resolve(String spec, List<NetworkInterface> interfaces, List<Inet4Address> addresses) {
        try {
            NetworkInterface nif;
            Inet4Address address;
            if (spec.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                InetAddress literal = InetAddress.getByName(spec);
                nif = NetworkInterface.getByInetAddress(literal);
                address = literal instanceof Inet4Address v4 ? v4 : null;
            } else {
                nif = NetworkInterface.getByName(spec);
                address = nif == null ? null : Collections.list(nif.getInetAddresses()).stream()
                        .filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast).findFirst()
                        .orElse(null);
            }
            if (nif == null || address == null) {
                throw MicroException.badRequest("micro.config", "setting %s: no IPv4 interface '%s'",
                        MdnsOptions.INTERFACE.key(), spec);
            }
            // Linux delivers multicast on the loopback device whether or not its MULTICAST flag is set, and
            // fresh containers and namespaces leave it unset: only other interfaces must carry the flag.
            if (!nif.isUp() || !(nif.isLoopback() || nif.supportsMulticast())) {
                throw MicroException.badRequest("micro.config", "setting %s: interface %s is down or has no "
                        + "multicast", MdnsOptions.INTERFACE.key(), nif.getName());
            }
            if (!interfaces.contains(nif)) {
                interfaces.add(nif);
                addresses.add(address);
            }
        } catch (UnknownHostException | SocketException e) {
            throw MicroException.badRequest("micro.config", "setting %s: cannot use interface '%s': %s",
                    MdnsOptions.INTERFACE.key(), spec, e.getMessage());
        }
    }

    List<Link> links() {
        return links;
    }

    private void readLoop(Handler handler) {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        try {
            while (!closed) {
                selector.select();
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext();) {
                    SelectionKey key = it.next();
                    it.remove();
                    drain((DatagramChannel) key.channel(), (Link) key.attachment(), buffer, handler);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.log(Level.ERROR, "The mDNS reader stopped", e);
            }
        }
    }

    private void drain(DatagramChannel channel, Link arrivedOn, ByteBuffer buffer, Handler handler) {
        while (true) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.DEBUG, "mDNS receive failed", e);
                }
                return;
            }
            if (source == null) {
                return;
            }
            Optional<Link> link = arrivedOn != null && arrivedOn.contains(source.getAddress())
                    ? Optional.of(arrivedOn)
                    : links.stream().filter(l -> l.contains(source.getAddress())).findFirst();
            if (link.isEmpty()) {
                continue;
            }
            try {
                handler.received(buffer.array(), buffer.position(), source, link.get());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Handling an mDNS packet from " + source + " failed", e);
            }
        }
    }

    /**
     * Sends a packet to the multicast group on every interface.
     *
     * @param packet the bytes
     * @param fromQuerier true to send from the ephemeral-port socket, so unicast answers come back to it
     */
    void multicast(byte[] packet, boolean fromQuerier) {
        for (Link link : links) {
            link.send(packet, groupAddress, fromQuerier);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing the mDNS selector failed", e);
        }
        closeQuietly(receiver);
        for (Link link : links) {
            closeQuietly(link.announcer);
            closeQuietly(link.querier);
        }
    }

    private static void closeQuietly(DatagramChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "Closing an mDNS socket failed", e);
        }
    }

    /** One interface with its two sending sockets. */
    static final class Link {
        private final NetworkInterface nif;
        private final Inet4Address address;
        private final DatagramChannel announcer;
        private final DatagramChannel querier;
        private final InetSocketAddress group;

        Link(NetworkInterface nif, Inet4Address address, DatagramChannel announcer, DatagramChannel querier,
                InetSocketAddress group) {
            this.nif = nif;
            this.address = address;
            this.announcer = announcer;
            this.querier = querier;
            this.group = group;
        }

        Inet4Address address() {
            return address;
        }

        /** Whether a sender is on this interface: loopback for {@code lo}, else within one of its subnets. */
        boolean contains(InetAddress source) {
            if (nif.getName().equals("lo") || address.isLoopbackAddress()) {
                return source.isLoopbackAddress();
            }
            for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                if (ia.getAddress() instanceof Inet4Address && source instanceof Inet4Address
                        && samePrefix(ia.getAddress().getAddress(), source.getAddress(), ia.getNetworkPrefixLength())) {
                    return true;
                }
            }
            return false;
        }

        private static boolean samePrefix(byte[] a, byte[] b, int bits) {
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Sends one packet.
         *
         * @param packet the bytes
         * @param to the group or a unicast address on this interface
         * @param fromQuerier whether to send from the querier rather than the announcer
         */
        void send(byte[] packet, InetSocketAddress to, boolean fromQuerier) {
            if (!to.equals(group) && !contains(to.getAddress())) {
                return;
            }
            try {
                (fromQuerier ? querier : announcer).send(ByteBuffer.wrap(packet), to);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "Sending an mDNS packet to " + to + " failed", e);
            }
        }
    }
}
