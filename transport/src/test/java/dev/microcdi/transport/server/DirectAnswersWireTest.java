package dev.microcdi.transport.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.WireProbe;
import dev.microcdi.transport.WireProbe.RawFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers of handlers run on the event loop, which the connection encodes into batches as it writes them. */
class DirectAnswersWireTest {
    private final EchoNode node = new EchoNode("a", Map.of("micro.server.handler-threads", "event-loop"));

    /** A result the JSON codec cannot write: its one property fails. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }

    /** A result whose encoding throws an Error: its one property fails with one. */
    public static final class Fatal {
        public String getValue() {
            throw new Boom();
        }
    }

    /** An Error of the test's own. */
    static final class Boom extends Error {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("boom", null, false, false);
        }
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aResultTheCodecCannotEncodeIsAnswered500AndTheCallsAroundItAreAnswered() throws IOException {
        node.server.register(new ServiceDefinition("broken", "1", Map.of(), List.of(new EndpointDefinition(
                "Broken.Answer", EchoNode.Hello.class, Unwritable.class, false,
                (req, ctx) -> CompletableFuture.completedFuture(new Unwritable())))));
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Hello", "{\"name\":\"Bo\"}");
            probe.frame(1, 0, 3, WireProbe.headerBlock(Map.of("micro-service", "broken", "micro-endpoint",
                    "Broken.Answer", "content-type", "application/json")));
            probe.frame(0, 1, 3, "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            probe.request(5, "Greeter.Hello", "{\"name\":\"Ann\"}");
            Map<Integer, RawFrame[]> answers = new HashMap<>();
            for (int id : new int[] {1, 3, 5}) {
                answers.put(id, probe.answer(id));
            }
            assertThat(body(answers.get(1))).contains("Hello Bo");
            assertThat(answers.get(3)).hasSize(1);
            MicroException error = MicroException.parse(answers.get(3)[0].headers().get("micro-error"));
            assertThat(error.code()).isEqualTo(MicroException.INTERNAL);
            assertThat(error.id()).isEqualTo("micro.codec");
            assertThat(body(answers.get(5))).contains("Hello Ann");
        }
    }

    @Test
    void anErrorWhileWritingAResultOnTheEventLoopClosesTheConnectionInsteadOfLeavingTheCallerWaiting()
            throws IOException {
        // the stage completes in a later task of the loop, so the answer is written from inside its completion
        node.server.register(new ServiceDefinition("fatal", "1", Map.of(), List.of(new EndpointDefinition(
                "Fatal.Answer", EchoNode.Hello.class, Fatal.class, false, (req, ctx) -> {
                    CompletableFuture<Object> later = new CompletableFuture<>();
                    ThreadExecutorMap.currentExecutor().execute(() -> later.complete(new Fatal()));
                    return later;
                }))));
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.frame(1, 0, 1, WireProbe.headerBlock(Map.of("micro-service", "fatal", "micro-endpoint",
                    "Fatal.Answer", "content-type", "application/json")));
            probe.frame(0, 1, 1, "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(probe.closedByServer()).as("the connection is closed, so the caller learns the call is lost")
                    .isTrue();
        }
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            probe.request(1, "Greeter.Hello", "{\"name\":\"Bo\"}");
            assertThat(body(probe.answer(1))).contains("Hello Bo");
        }
    }

    @Test
    void manyCallsReadTogetherAreEachAnsweredWhole() throws IOException {
        int calls = 500;
        try (WireProbe probe = new WireProbe(node.port(), true)) {
            for (int i = 0; i < calls; i++) {
                probe.request(2 * i + 1, "Greeter.Hello", "{\"name\":\"n" + i + "\"}");
            }
            Map<Integer, String> bodies = new HashMap<>();
            while (bodies.size() < calls) {
                RawFrame f = probe.read();
                if (f.type() == 0) {
                    assertThat(bodies.put(f.streamId(), new String(f.payload(), StandardCharsets.UTF_8))).isNull();
                }
            }
            for (int i = 0; i < calls; i++) {
                assertThat(bodies.get(2 * i + 1)).contains("Hello n" + i + "\"");
            }
        }
    }

    private static String body(RawFrame[] answer) {
        assertThat(answer).hasSize(2);
        return new String(answer[1].payload(), StandardCharsets.UTF_8);
    }
}
