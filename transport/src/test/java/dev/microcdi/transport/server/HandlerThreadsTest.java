package dev.microcdi.transport.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.Publishers;
import dev.microcdi.api.Settings;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.WireProbe;
import dev.microcdi.transport.WireProbe.RawFrame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which thread calls a handler, delivers its request stream and asks its publisher for more, as
 * {@code micro.server.handler-threads} and the endpoint's promise decide.
 */
class HandlerThreadsTest {

    /** Answers the name of the thread that called it; its request stream is absent. */
    private static EndpointDefinition threadName(String name, boolean blocking) {
        return new EndpointDefinition(name, EchoNode.Hello.class, String.class, false,
                (req, ctx) -> CompletableFuture.completedFuture(Thread.currentThread().getName()), CallKind.UNARY,
                blocking);
    }

    @ParameterizedTest
    @CsvSource({"auto, micro-server-worker-, micro-server-io-", "workers, micro-server-worker-, micro-server-worker-",
            "event-loop, micro-server-io-, micro-server-io-", "EVENT-LOOP, micro-server-io-, micro-server-io-"})
    void blockingAndNonBlockingHandlersRunWhereTheSettingSays(String setting, String blockingThread,
            String nonBlockingThread) throws IOException {
        Map<String, String> threads = new ConcurrentHashMap<>();
        MucpServer server = new MucpServer(ServerSettings.from(Settings.of(Map.of("micro.server.address",
                "127.0.0.1:0", "micro.server.handler-threads", setting))), EchoNode.codecs());
        server.register(new ServiceDefinition("greeter", "1", Map.of(), List.of(
                threadName("Threads.Blocking", true), threadName("Threads.NonBlocking", false),
                new EndpointDefinition("Threads.Stream", EchoNode.Hello.class, String.class, false, (req, ctx) -> {
                    threads.put("stream", Thread.currentThread().getName());
                    return CompletableFuture.completedFuture(Publishers.generate(1, i -> {
                        threads.put("producer", Thread.currentThread().getName());
                        return "x";
                    }));
                }, CallKind.SERVER_STREAM, false),
                new EndpointDefinition("Threads.Upload", EchoNode.Hello.class, String.class, false, (req, ctx) -> {
                    CompletableFuture<Object> done = new CompletableFuture<>();
                    ((Flow.Publisher<?>) req).subscribe(new Flow.Subscriber<Object>() {
                        @Override
                        public void onSubscribe(Flow.Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(Object item) {
                            threads.put("upload", Thread.currentThread().getName());
                        }

                        @Override
                        public void onError(Throwable t) {
                            done.completeExceptionally(t);
                        }

                        @Override
                        public void onComplete() {
                            done.complete("uploaded");
                        }
                    });
                    return done;
                }, CallKind.CLIENT_STREAM, false))));
        server.start();
        try (WireProbe probe = new WireProbe(port(server), true)) {
            assertThat(answer(probe, 1, "Threads.Blocking")).startsWith("\"" + blockingThread);
            assertThat(answer(probe, 3, "Threads.NonBlocking")).startsWith("\"" + nonBlockingThread);
            probe.request(5, "Threads.Stream", "{\"name\":\"c\"}");
            RawFrame last;
            do {
                last = probe.read();
            } while (last.streamId() != 5 || (last.flags() & 1) == 0);
            assertThat(threads.get("stream")).startsWith(nonBlockingThread);
            assertThat(threads.get("producer")).startsWith(nonBlockingThread);
            assertThat(answer(probe, 7, "Threads.Upload")).isEqualTo("\"uploaded\"");
            assertThat(threads.get("upload")).startsWith(nonBlockingThread);
        } finally {
            server.close();
        }
    }

    @Test
    void aHandlerThatHoldsTheEventLoopIsReportedOnceWithTheLoopsStack() throws IOException {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        CountDownLatch warned = new CountDownLatch(1);
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
                warned.countDown();
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(EventLoopWatch.class.getName());
        logger.addHandler(capture);
        MucpServer server = new MucpServer(ServerSettings.from(Settings.of(Map.of("micro.server.address",
                "127.0.0.1:0", "micro.server.blocked-handler-warning", "250ms"))), EchoNode.codecs());
        server.register(new ServiceDefinition("greeter", "1", Map.of(), List.of(threadName("Threads.Quick", false),
                new EndpointDefinition("Threads.Stuck", EchoNode.Hello.class, String.class, false, (req, ctx) -> {
                    // blocks its loop until the watch has reported it (or for long enough for the test to fail)
                    return CompletableFuture.completedFuture(warned.await(10, TimeUnit.SECONDS) ? "released"
                            : "never reported");
                }, CallKind.UNARY, false))));
        server.start();
        try (WireProbe probe = new WireProbe(port(server), true)) {
            for (int i = 0; i < 20; i++) {
                answer(probe, 2 * i + 1, "Threads.Quick");
            }
            assertThat(records).isEmpty();
            assertThat(answer(probe, 101, "Threads.Stuck")).isEqualTo("\"released\"");
            assertThat(records).hasSize(1);
            LogRecord warning = records.get(0);
            assertThat(warning.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
            assertThat(warning.getMessage()).contains("micro-server-io", "@Blocking");
            assertThat(warning.getThrown().getStackTrace()).anyMatch(f -> f.getMethodName().equals("await"))
                    .anyMatch(f -> f.getClassName().startsWith(HandlerThreadsTest.class.getName()));
        } finally {
            logger.removeHandler(capture);
            server.close();
        }
    }

    @Test
    void anUnknownValueAndTheRemovedKeyAreRefusedNamingWhatToUse() {
        assertThat(ServerSettings.from(Settings.of(Map.of())).handlerThreads()).isEqualTo(HandlerThreads.AUTO);
        assertThatThrownBy(() -> ServerSettings.from(Settings.of(Map.of("micro.server.handler-threads", "direct"))))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains("micro.server.handler-threads=direct", "auto, workers, event-loop");
                });
        assertThatThrownBy(() -> ServerSettings.from(Settings.of(Map.of("micro.server.direct-handlers", "true"))))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains("micro.server.direct-handlers is gone",
                            "micro.server.handler-threads=event-loop");
                });
    }

    private static String answer(WireProbe probe, int streamId, String endpoint) throws IOException {
        probe.request(streamId, endpoint, "{\"name\":\"a\"}");
        RawFrame[] answer = probe.answer(streamId);
        return new String(answer[answer.length - 1].payload(), StandardCharsets.UTF_8);
    }

    private static int port(MucpServer server) {
        return Integer.parseInt(server.address().substring(server.address().lastIndexOf(':') + 1));
    }
}
