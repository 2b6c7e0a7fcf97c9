package dev.microcdi.registry.mdns;

import java.net.InetAddress;
import java.util.List;

/**
 * A resource record of the kinds the registry reads and writes; other kinds are decoded as {@link Opaque}.
 *
 * @param name the owner name, fully qualified with the trailing dot
 * @param cacheFlush the mDNS cache-flush bit: this record replaces the receiver's records of the same name and type
 * @param ttl the time to live in seconds; 0 announces that the record is gone
 * @param data the typed record data
 */
record DnsRecord(String name, boolean cacheFlush, long ttl, Data data) {
    static final int A = 1;
    static final int PTR = 12;
    static final int TXT = 16;
    static final int AAAA = 28;
    static final int SRV = 33;
    static final int ANY = 255;

    int type() {
        return data.type();
    }

    DnsRecord withTtl(long newTtl) {
        return new DnsRecord(name, cacheFlush, newTtl, data);
    }

    /** Typed record data. */
    sealed interface Data permits Ptr, Srv, Txt, Address, Opaque {
        int type();
    }

    /**
     * PTR: the name points at another, e.g. a service at one of its instances.
     *
     * @param target the pointed-at name
     */
    record Ptr(String target) implements Data {
        @Override
        public int type() {
            return PTR;
        }
    }

    /**
     * SRV: where an instance listens.
     *
     * @param priority lower is preferred
     * @param weight relative weight among equal priorities
     * @param port the port
     * @param target the host name whose A/AAAA records give the address
     */
    record Srv(int priority, int weight, int port, String target) implements Data {
        @Override
        public int type() {
            return SRV;
        }
    }

    /**
     * TXT: character strings of at most 255 bytes each.
     *
     * @param strings the strings, in order
     */
    record Txt(List<String> strings) implements Data {
        Txt {
            strings = List.copyOf(strings);
        }

        @Override
        public int type() {
            return TXT;
        }
    }

    /**
     * A or AAAA: a host address.
     *
     * @param address the address; IPv4 makes an A record, IPv6 an AAAA record
     */
    record Address(InetAddress address) implements Data {
        @Override
        public int type() {
            return address.getAddress().length == 4 ? A : AAAA;
        }
    }

    /**
     * Any other record type, kept only so that a message decodes.
     *
     * @param type the record type
     */
    record Opaque(int type) implements Data {
    }
}
