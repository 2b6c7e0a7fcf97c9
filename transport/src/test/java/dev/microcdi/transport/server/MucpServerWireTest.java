package dev.microcdi.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.MicroException;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.WireProbe;
import dev.microcdi.transport.WireProbe.RawFrame;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MucpServerWireTest {
    private final EchoNode node = new EchoNode("a", Map.of("micro.server.max-message-size", "65536"));

    @AfterEach
    void stop() {
        node.close();
    }

    private static MicroException error(RawFrame[] answer) {
        assertThat(answer).hasSize(1);
        assertThat(answer[0].flags() & 1).isEqualTo(1);
        return MicroException.parse(answer[0].headers().get("micro-error"));
    }

    private static String body(RawFrame[] answer) {
        assertThat(answer).hasSize(2);
        assertThat(answer[0].headers()).containsEntry("content-type", "application/json");
        return new String(answer[1].payload(), StandardCharsets.UTF_8);
    }

    @Test
    void announcesItsLimitsInSettingsAfterThePreface() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            RawFrame settings = probe.read();
            assertThat(settings.type()).isEqualTo(4);
            assertThat(settings.payload()).hasSize(30);
        }
    }

    @Test
    void answersInvalidJsonWith400AndServesTheNextCallOnTheSameConnection() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Hello", "{\"name\":");
            MicroException e = error(probe.answer(1));
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.id()).isEqualTo("micro.codec");
            probe.request(3, "Greeter.Hello", "{\"name\":\"Ann\"}");
            assertThat(body(probe.answer(3))).contains("Hello Ann");
        }
    }

    @Test
    void answersUnknownServiceAndEndpointWith404() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Nope", "{}");
            MicroException e = error(probe.answer(1));
            assertThat(e.code()).isEqualTo(404);
            assertThat(e.detail()).contains("Greeter.Nope");
            Map<String, String> h = new LinkedHashMap<>();
            h.put("micro-service", "nobody");
            h.put("micro-endpoint", "X.Y");
            probe.frame(1, 1, 3, WireProbe.headerBlock(h));
            assertThat(error(probe.answer(3)).detail()).contains("nobody");
        }
    }

    @Test
    void answersAnOversizeMessageWith413AndKeepsTheConnection() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            String big = "{\"name\":\"" + "x".repeat(100_000) + "\"}";
            probe.request(1, "Greeter.Hello", big);
            MicroException e = error(probe.answer(1));
            assertThat(e.code()).isEqualTo(413);
            probe.request(3, "Greeter.Hello", "{\"name\":\"Bo\"}");
            assertThat(body(probe.answer(3))).contains("Hello Bo");
        }
    }

    @Test
    void answersTooManyHeadersWith413() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("micro-service", "greeter");
            h.put("micro-endpoint", "Greeter.Hello");
            for (int i = 0; i < 100; i++) {
                h.put("x-" + i, "v");
            }
            probe.frame(1, 0, 1, WireProbe.headerBlock(h));
            probe.frame(0, 1, 1, "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(error(probe.answer(1)).code()).isEqualTo(413);
            probe.request(3, "Greeter.Hello", "{\"name\":\"Cy\"}");
            assertThat(body(probe.answer(3))).contains("Hello Cy");
        }
    }

    @Test
    void closesAConnectionThatSendsGarbageAndKeepsServingOthers() throws IOException {
        try (WireProbe garbage = new WireProbe(node.port(), false)) {
            garbage.raw(new byte[] {0x13, 0x37, (byte) 0xff, 0, 1, 2, 3, 4, 5, 6});
            assertThat(garbage.closedByServer()).isTrue();
        }
        try (WireProbe badFrame = new WireProbe(node.port(), true)) {
            badFrame.frame(99, 0, 1, new byte[3]);
            assertThat(badFrame.closedByServer()).isTrue();
        }
        try (WireProbe evenStream = new WireProbe(node.port(), true)) {
            evenStream.request(2, "Greeter.Hello", "{}");
            assertThat(evenStream.closedByServer()).isTrue();
        }
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Hello", "{\"name\":\"Di\"}");
            assertThat(body(probe.answer(1))).contains("Hello Di");
        }
    }

    @Test
    void answersAnHttpRequestWithAnErrorNamingTheWire() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 501").contains("Micro-Error").contains("mcdi/1");
        }
    }

    /** Collects the bytes of a connection until the end of the HTTP head, then answers 204 with what it read. */
    private static final class HeadEcho extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final StringBuilder head = new StringBuilder();

        @Override
        public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
            io.netty.buffer.ByteBuf buf = (io.netty.buffer.ByteBuf) msg;
            head.append(buf.toString(StandardCharsets.US_ASCII));
            buf.release();
            if (head.indexOf("\r\n\r\n") >= 0) {
                String line = head.substring(0, head.indexOf("\r\n"));
                ctx.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer("HTTP/1.1 204 No Content\r\nX-Line: " + line
                        + "\r\n\r\n", StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void handsAnHttpConnectionWithItsRequestLineToTheInstalledHandlersAndKeepsTheBinaryWire() throws IOException {
        node.server.serveHttp(pipeline -> pipeline.addLast(new HeadEcho()));
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("POST /?id=x HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[256];
            int n = socket.getInputStream().read(answer);
            assertThat(new String(answer, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 204")
                    .contains("X-Line: POST /?id=x HTTP/1.1");
        }
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Hello", "{\"name\":\"Di\"}");
            assertThat(body(probe.answer(1))).contains("Hello Di");
        }
        node.server.serveHttp(null);
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 501");
        }
    }

    @Test
    void answersAPassedDeadlineWith408AndExposesTheRemainingTime() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Remaining", "{}", Map.of("timeout", "0"));
            assertThat(error(probe.answer(1)).code()).isEqualTo(408);
            probe.request(3, "Greeter.Remaining", "{}", Map.of("timeout",
                    Long.toString(TimeUnit.SECONDS.toNanos(60))));
            assertThat(remainingMillis(probe.answer(3))).isBetween(1L, 60_000L);
        }
    }

    /** The remaining time that Greeter.Remaining saw, in milliseconds. */
    private static long remainingMillis(RawFrame[] answer) {
        return Long.parseLong(body(answer).replaceAll(".*\"message\":\"(-?\\d+)\".*", "$1"));
    }

    @Test
    void echoesTheCallIdOfARequestThatCarriesOne() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Hello", "{\"name\":\"Ann\"}", Map.of("micro-id", "order-17"));
            assertThat(probe.answer(1)[0].headers()).containsEntry("micro-id", "order-17");
            probe.request(3, "Greeter.Hello", "{\"name\":\"Bo\"}");
            assertThat(probe.answer(3)[0].headers()).containsOnlyKeys("content-type");
        }
    }

    @Test
    void countsEachCallsDeadlineFromTheReadThatBroughtIt() throws Exception {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            Map<String, String> twoSeconds = Map.of("timeout", Long.toString(TimeUnit.SECONDS.toNanos(2)));
            for (int id = 1; id <= 3; id += 2) {
                if (id > 1) {
                    // a later read; no event to await: the time that passes is what is tested. A clock reading kept
                    // from the first read would leave this call 1.2 s at most
                    Thread.sleep(800);
                }
                probe.request(id, "Greeter.Remaining", "{}", twoSeconds);
                assertThat(remainingMillis(probe.answer(id))).isBetween(1500L, 2000L);
            }
        }
    }

    @Test
    void answersPingsWithTheSamePayload() throws IOException {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.frame(6, 0, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            RawFrame f = probe.read();
            while (f.type() != 6) {
                f = probe.read();
            }
            assertThat(f.flags() & 1).isEqualTo(1);
            assertThat(f.payload()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        }
    }

    @Test
    void refusesNewCallsWith503NotProcessedWhileItDrainsCallsInFlight() throws Exception {
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Slow", "{\"name\":\"Ed\"}");
            org.awaitility.Awaitility.await().until(() -> node.slowCallsWaiting.get() == 1);
            CompletableFuture<Void> closed = node.server.shutdown(Duration.ofSeconds(20)).toCompletableFuture();
            probe.request(3, "Greeter.Hello", "{\"name\":\"late\"}");
            RawFrame[] refused = probe.answer(3);
            assertThat(error(refused).code()).isEqualTo(503);
            assertThat(refused[0].headers()).containsEntry("micro-not-processed", "true");
            assertThat(closed).isNotDone();
            node.gate.countDown();
            assertThat(body(probe.answer(1))).contains("slow Ed");
            closed.get(10, TimeUnit.SECONDS);
            assertThat(probe.closedByServer()).isTrue();
        }
    }
}
