package dev.microcdi.registry.mdns;

import java.util.List;

/**
 * A DNS message as mDNS uses it (RFC 1035 layout, RFC 6762 semantics).
 *
 * @param id the message id: 0 on multicast, echoed in unicast answers to one-shot queries
 * @param flags the header flags; {@link #RESPONSE} marks an authoritative response
 * @param questions the questions
 * @param answers the answer records
 * @param authorities the authority records (probes carry their proposal here)
 * @param additionals the additional records
 */
record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers,
        List<DnsRecord> authorities, List<DnsRecord> additionals) {

    /** QR set and AA set: an authoritative response, as every mDNS response is. */
    static final int RESPONSE = 0x8400;

    DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    static DnsMessage query(int id, List<DnsQuestion> questions) {
        return new DnsMessage(id, 0, questions, List.of(), List.of(), List.of());
    }

    static DnsMessage response(int id, List<DnsQuestion> questions, List<DnsRecord> answers) {
        return new DnsMessage(id, RESPONSE, questions, answers, List.of(), List.of());
    }

    boolean isResponse() {
        return (flags & 0x8000) != 0;
    }
}
