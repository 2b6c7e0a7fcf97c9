package dev.microcdi.registry.mdns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes and decodes DNS messages (RFC 1035 with name compression, plus the mDNS cache-flush and
 * unicast-response bits of RFC 6762). Decoding checks every length and pointer, so a hostile packet gives
 * {@link MalformedMessageException}, never a runtime failure.
 */
final class DnsCodec {
    private static final int CLASS_IN = 1;
    private static final int TOP_BIT = 0x8000;
    private static final int MAX_NAME = 255;
    private static final int MAX_LABEL = 63;
    private static final int MAX_POINTER_JUMPS = 64;

    private DnsCodec() {
    }

    /** A packet that is not a well-formed DNS message. */
    static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String message) {
            super(message);
        }
    }

    /**
     * Checks that a name can be written: labels of 1 to 63 bytes, at most 255 bytes in all.
     *
     * @param name the fully qualified name
     * @throws IllegalArgumentException naming the problem
     */
    static void checkName(String name) {
        if (!name.endsWith(".")) {
            throw new IllegalArgumentException("DNS name is not fully qualified: " + name);
        }
        if (name.startsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("DNS name has an empty label: " + name);
        }
        int total = 1;
        for (String label : labels(name)) {
            int length = label.getBytes(StandardCharsets.UTF_8).length;
            if (length == 0 || length > MAX_LABEL) {
                throw new IllegalArgumentException("DNS label '" + label + "' of " + name + " is not 1 to 63 bytes");
            }
            total += length + 1;
        }
        if (total > MAX_NAME) {
            throw new IllegalArgumentException("DNS name is longer than 255 bytes: " + name);
        }
    }

    private static List<String> labels(String name) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                if (i > start) {
                    out.add(name.substring(start, i));
                }
                start = i + 1;
            }
        }
        if (start < name.length()) {
            out.add(name.substring(start));
        }
        return out;
    }

    static byte[] encode(DnsMessage message) {
        Writer w = new Writer();
        w.u16(message.id());
        w.u16(message.flags());
        w.u16(message.questions().size());
        w.u16(message.answers().size());
        w.u16(message.authorities().size());
        w.u16(message.additionals().size());
        for (DnsQuestion q : message.questions()) {
            w.name(q.name());
            w.u16(q.type());
            w.u16(CLASS_IN | (q.unicastResponse() ? TOP_BIT : 0));
        }
        for (List<DnsRecord> section : List.of(message.answers(), message.authorities(), message.additionals())) {
            for (DnsRecord r : section) {
                w.record(r);
            }
        }
        return w.bytes();
    }

    static DnsMessage decode(byte[] packet, int length) throws MalformedMessageException {
        Reader r = new Reader(packet, length);
        int id = r.u16();
        int flags = r.u16();
        int qd = r.u16();
        int an = r.u16();
        int ns = r.u16();
        int ar = r.u16();
        List<DnsQuestion> questions = new ArrayList<>(Math.min(qd, 64));
        for (int i = 0; i < qd; i++) {
            String name = r.name();
            int type = r.u16();
            int clazz = r.u16();
            questions.add(new DnsQuestion(name, type, (clazz & TOP_BIT) != 0));
        }
        List<DnsRecord> answers = r.records(an);
        List<DnsRecord> authorities = r.records(ns);
        List<DnsRecord> additionals = r.records(ar);
        return new DnsMessage(id, flags, questions, answers, authorities, additionals);
    }

    /** Writes a message, compressing repeated name suffixes. */
    private static final class Writer {
        private byte[] buf = new byte[512];
        private int size;
        private final Map<String, Integer> suffixes = new HashMap<>();

        void u8(int v) {
            ensure(1);
            buf[size++] = (byte) v;
        }

        void write(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }

        private void ensure(int n) {
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
        }

        void u16(int v) {
            u8(v >> 8);
            u8(v);
        }

        void u32(long v) {
            u16((int) (v >> 16));
            u16((int) v);
        }

        void name(String name) {
            checkName(name);
            List<String> labels = labels(name);
            for (int i = 0; i < labels.size(); i++) {
                String suffix = String.join(".", labels.subList(i, labels.size())).toLowerCase(Locale.ROOT);
                Integer at = suffixes.get(suffix);
                if (at != null) {
                    u16(0xc000 | at);
                    return;
                }
                if (size < 0x3fff) {
                    suffixes.put(suffix, size);
                }
                byte[] bytes = labels.get(i).getBytes(StandardCharsets.UTF_8);
                u8(bytes.length);
                write(bytes);
            }
            u8(0);
        }

        void record(DnsRecord r) {
            name(r.name());
            u16(r.type());
            u16(CLASS_IN | (r.cacheFlush() ? TOP_BIT : 0));
            u32(r.ttl());
            int lengthAt = size;
            u16(0);
            int start = size;
            DnsRecord.Data data = r.data();
            if (data instanceof DnsRecord.Ptr p) {
                name(p.target());
            } else if (data instanceof DnsRecord.Srv s) {
                u16(s.priority());
                u16(s.weight());
                u16(s.port());
                name(s.target());
            } else if (data instanceof DnsRecord.Txt t) {
                for (String s : t.strings()) {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    if (bytes.length > 255) {
                        throw new IllegalArgumentException("TXT string longer than 255 bytes");
                    }
                    u8(bytes.length);
                    write(bytes);
                }
            } else if (data instanceof DnsRecord.Address a) {
                byte[] bytes = a.address().getAddress();
                write(bytes);
            } else {
                throw new IllegalArgumentException("cannot write record type " + data.type());
            }
            patchLength(lengthAt, size - start);
        }

        private void patchLength(int at, int length) {
            buf[at] = (byte) (length >> 8);
            buf[at + 1] = (byte) length;
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    /** Reads a message with bounds checks everywhere. */
    private static final class Reader {
        private final byte[] b;
        private final int limit;
        private int pos;

        Reader(byte[] b, int limit) {
            this.b = b;
            this.limit = limit;
        }

        private void need(int n) throws MalformedMessageException {
            if (pos + n > limit) {
                throw new MalformedMessageException("message truncated at byte " + pos);
            }
        }

        int u8() throws MalformedMessageException {
            need(1);
            return b[pos++] & 0xff;
        }

        int u16() throws MalformedMessageException {
            need(2);
            int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
            pos += 2;
            return v;
        }

        long u32() throws MalformedMessageException {
            return ((long) u16() << 16) | u16();
        }

        String name() throws MalformedMessageException {
            StringBuilder sb = new StringBuilder();
            int at = pos;
            int resumeAt = -1;
            int jumps = 0;
            while (true) {
                if (at >= limit) {
                    throw new MalformedMessageException("name runs past the message");
                }
                int len = b[at] & 0xff;
                if ((len & 0xc0) == 0xc0) {
                    if (at + 1 >= limit || ++jumps > MAX_POINTER_JUMPS) {
                        throw new MalformedMessageException("bad name pointer");
                    }
                    int target = ((len & 0x3f) << 8) | (b[at + 1] & 0xff);
                    if (resumeAt < 0) {
                        resumeAt = at + 2;
                    }
                    at = target;
                    continue;
                }
                if (len > MAX_LABEL) {
                    throw new MalformedMessageException("bad label length " + len);
                }
                at++;
                if (len == 0) {
                    break;
                }
                if (at + len > limit || sb.length() + len > MAX_NAME) {
                    throw new MalformedMessageException("label runs past the message");
                }
                sb.append(new String(b, at, len, StandardCharsets.UTF_8)).append('.');
                at += len;
            }
            pos = resumeAt >= 0 ? resumeAt : at;
            return sb.length() == 0 ? "." : sb.toString();
        }

        List<DnsRecord> records(int count) throws MalformedMessageException {
            List<DnsRecord> out = new ArrayList<>(Math.min(count, 64));
            for (int i = 0; i < count; i++) {
                out.add(record());
            }
            return out;
        }

        private DnsRecord record() throws MalformedMessageException {
            String name = name();
            int type = u16();
            int clazz = u16();
            long ttl = u32();
            int length = u16();
            need(length);
            int end = pos + length;
            DnsRecord.Data data;
            switch (type) {
                case DnsRecord.PTR -> data = new DnsRecord.Ptr(name());
                case DnsRecord.SRV -> data = new DnsRecord.Srv(u16(), u16(), u16(), name());
                case DnsRecord.TXT -> {
                    List<String> strings = new ArrayList<>();
                    while (pos < end) {
                        int n = u8();
                        if (pos + n > end) {
                            throw new MalformedMessageException("TXT string runs past its record");
                        }
                        strings.add(new String(b, pos, n, StandardCharsets.UTF_8));
                        pos += n;
                    }
                    data = new DnsRecord.Txt(strings);
                }
                case DnsRecord.A, DnsRecord.AAAA -> {
                    if (length != (type == DnsRecord.A ? 4 : 16)) {
                        throw new MalformedMessageException("bad address length " + length);
                    }
                    byte[] addr = new byte[length];
                    System.arraycopy(b, pos, addr, 0, length);
                    try {
                        data = new DnsRecord.Address(InetAddress.getByAddress(addr));
                    } catch (UnknownHostException e) {
                        throw new MalformedMessageException("bad address");
                    }
                }
                default -> data = new DnsRecord.Opaque(type);
            }
            if (pos > end) {
                throw new MalformedMessageException("record data runs past its length");
            }
            pos = end;
            return new DnsRecord(name, (clazz & TOP_BIT) != 0, ttl, data);
        }
    }
}
