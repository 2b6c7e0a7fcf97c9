package dev.microcdi.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.MicroException;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.WireProbe;
import dev.microcdi.transport.WireProbe.RawFrame;
import dev.microcdi.transport.wire.WireLimits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Streams seen from the wire, with a probe that grants credit by hand and never sends SETTINGS. */
class StreamWireTest {
    private final EchoNode node = new EchoNode("wire-streams");

    @AfterEach
    void close() {
        node.close();
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    /** Reads the stream's HEADERS, then counts DATA frames until {@code count} arrived. */
    private static void readData(WireProbe probe, int count) throws IOException {
        int seen = 0;
        while (seen < count) {
            RawFrame f = probe.read();
            if (f.type() == 0 && f.streamId() == 1) {
                seen++;
            }
        }
    }

    @Test
    void theServerSendsOneWindowThenExactlyTheCreditGranted() throws Exception {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Ticks", "{\"name\":\"w\"}");
            readData(probe, WireLimits.DEFAULT_STREAM_WINDOW);
            assertThat(node.ticks.get().requested()).isEqualTo(WireLimits.DEFAULT_STREAM_WINDOW);
            probe.frame(8, 0, 1, u32(5));
            readData(probe, 5);
            probe.frame(3, 0, 1, u32(499));
            assertThat(node.ticks.get().cancelled.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(node.ticks.get().requested()).isEqualTo(WireLimits.DEFAULT_STREAM_WINDOW + 5L);
        }
    }

    @Test
    void theServerEndsAStreamPastItsDeadlineWith408AndStopsTheProducer() throws Exception {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Ticks", "{\"name\":\"w\"}", Map.of("timeout", "300000000"));
            RawFrame end;
            do {
                end = probe.read();
            } while (!(end.type() == 1 && end.streamId() == 1 && (end.flags() & 1) == 1));
            MicroException e = MicroException.parse(end.headers().get("micro-error"));
            assertThat(e.code()).isEqualTo(MicroException.TIMEOUT);
            assertThat(e.id()).isEqualTo("micro.server");
            assertThat(node.ticks.get().cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSenderThatIgnoresCreditGets400AndTheConnectionStaysUsable() throws Exception {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            Map<String, String> h = new java.util.LinkedHashMap<>();
            h.put("micro-service", "greeter");
            h.put("micro-endpoint", "Greeter.Collect");
            h.put("content-type", "application/json");
            probe.frame(1, 0, 1, WireProbe.headerBlock(h));
            byte[] hello = "{\"name\":\"flood\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i <= WireLimits.DEFAULT_STREAM_WINDOW; i++) {
                probe.frame(0, 0, 1, hello);
            }
            RawFrame[] answer = probe.answer(1);
            MicroException e = MicroException.parse(answer[0].headers().get("micro-error"));
            assertThat(e.code()).isEqualTo(MicroException.BAD_REQUEST);
            assertThat(e.id()).isEqualTo("micro.flow");
            probe.request(3, "Greeter.Hello", "{\"name\":\"after\"}");
            assertThat(new String(probe.answer(3)[1].payload(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("Hello after");
        }
    }
}
