package dev.microcdi.benchmarks;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;

/** The messages of the benchmark: protobuf well-known types, so every system encodes the same bytes. */
final class Payloads {
    /** Bytes of the small message's payload. */
    static final int SMALL = 16;
    /** Bytes of the large message's payload. */
    static final int KIB = 1024;

    private Payloads() {
    }

    static BytesValue message(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return BytesValue.of(ByteString.copyFrom(b));
    }

    /** The request of a server stream: count in the high bits, message size in the low 32. */
    static Int64Value streamRequest(long count, int size) {
        return Int64Value.of((count << 32) | size);
    }

    static long count(Int64Value request) {
        return request.getValue() >>> 32;
    }

    static int size(Int64Value request) {
        return (int) request.getValue();
    }
}
