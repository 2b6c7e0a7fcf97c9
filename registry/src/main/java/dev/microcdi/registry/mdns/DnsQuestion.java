package dev.microcdi.registry.mdns;

/**
 * A question of a DNS message.
 *
 * @param name the fully qualified name, with the trailing dot
 * @param type the record type, e.g. {@link DnsRecord#PTR}
 * @param unicastResponse the mDNS "QU" bit: the asker prefers a unicast answer
 */
record DnsQuestion(String name, int type, boolean unicastResponse) {

    boolean asks(int recordType) {
        return type == recordType || type == DnsRecord.ANY;
    }
}
