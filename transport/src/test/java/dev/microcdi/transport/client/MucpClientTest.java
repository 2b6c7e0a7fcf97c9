package dev.microcdi.transport.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.StringValue;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.AttemptListener;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientInterceptor;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.EchoNode.Hello;
import dev.microcdi.transport.EchoNode.Reply;
import dev.microcdi.transport.MemoryNodes;
import dev.microcdi.transport.RecordingSelector;
import dev.microcdi.transport.selector.RoundRobinSelector;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MucpClientTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final MemoryNodes registry = new MemoryNodes();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private EchoNode node(String name) {
        EchoNode n = new EchoNode(name);
        closeables.add(n);
        return n;
    }

    private MucpClient client(Selector selector, Map<String, String> settings) {
        Settings s = Settings.of(settings);
        MucpClient c = new MucpClient(new ClientContext(s, registry, svc -> selector, EchoNode.codecs()),
                ClientSettings.from(s));
        closeables.add(c);
        return c;
    }

    private MucpClient client(Selector selector) {
        return client(selector, Map.of());
    }

    private MucpClient client(ClientContext context, LongSupplier ticker) {
        MucpClient c = new MucpClient(context, ClientSettings.from(context.settings()), ticker);
        closeables.add(c);
        return c;
    }

    private static Reply hello(MucpClient client, String name, CallOptions options) {
        return client.call(Request.of("greeter", "Greeter.Hello", new Hello(name)), Reply.class, options);
    }

    /** An address where nothing listens: a port bound, then released. */
    private static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    /** A node that accepts, reads the request, then resets the connection without answering. */
    private String resettingNode() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        closeables.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] buf = new byte[4096];
                    int total = 0;
                    while (total < 60) {
                        int n = in.read(buf);
                        if (n < 0) {
                            break;
                        }
                        total += n;
                    }
                    s.setSoLinger(true, 0);
                } catch (IOException e) {
                    return;
                }
            }
        }, "resetting-node");
        t.setDaemon(true);
        t.start();
        return "127.0.0.1:" + server.getLocalPort();
    }

    @Test
    void callsAJsonEndpointAndAProtobufEndpoint() {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        assertThat(hello(client, "John", CallOptions.DEFAULT)).isEqualTo(new Reply("Hello John", "a"));
        StringValue proto = client.call(Request.of("greeter", "Greeter.Proto", StringValue.of("x")), StringValue.class,
                CallOptions.DEFAULT);
        assertThat(proto.getValue()).isEqualTo("proto x");
    }

    @Test
    void callsInARowToOtherEndpointsInOtherContentTypesOnOneConnectionEachReachTheirOwn() {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        for (int i = 0; i < 3; i++) {
            assertThat(hello(client, "n" + i, CallOptions.DEFAULT)).isEqualTo(new Reply("Hello n" + i, "a"));
            assertThat(client.<StringValue>call(Request.of("greeter", "Greeter.Proto", StringValue.of("p" + i)),
                    StringValue.class, CallOptions.DEFAULT).getValue()).isEqualTo("proto p" + i);
            assertThat(client.<Reply>call(Request.of("greeter", "Greeter.Remaining", new Hello("r" + i)), Reply.class,
                    CallOptions.DEFAULT).message()).matches("\\d+");
        }
        assertThat(client.openConnections()).isEqualTo(1);
    }

    @Test
    void anAsyncCallRunsItsContinuationsOnTheExecutorOfItsOptionsAndWhatThatRefusesOnTheClientsThreads()
            throws Exception {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        AtomicInteger ran = new AtomicInteger();
        Executor counting = task -> {
            ran.incrementAndGet();
            task.run();
        };
        Executor refusing = task -> {
            throw new RejectedExecutionException("full");
        };
        for (Executor executor : List.of(counting, refusing)) {
            CompletionStage<Reply> answer = client.callAsync(Request.of("greeter", "Greeter.Hello", new Hello("e")),
                    Reply.class, CallOptions.builder().executor(executor).build());
            Reply reply = answer.toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(reply).isEqualTo(new Reply("Hello e", "a"));
        }
        assertThat(ran.get()).isPositive();
    }

    @Test
    void aBlockingCallThroughInterceptorsAnswersOnTheWaitingThread() {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        List<Thread> completedOn = new CopyOnWriteArrayList<>();
        ClientInterceptor recording = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                return next.<T>call(request, responseType, options)
                        .whenComplete((v, t) -> completedOn.add(Thread.currentThread()));
            }
        };
        Client client = ClientInterceptor.wrap(client(new RoundRobinSelector()), List.of(recording));
        Thread caller = Thread.currentThread();
        // the answer is let go once the server has the call and the caller waits for it, as on a real network
        Thread opener = new Thread(() -> {
            while (a.slowCallsWaiting.get() == 0 || caller.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            a.gate.countDown();
        });
        opener.setDaemon(true);
        opener.start();

        Reply reply = client.call(Request.of("greeter", "Greeter.Slow", new Hello("w")), Reply.class,
                CallOptions.DEFAULT);

        assertThat(reply).isEqualTo(new Reply("slow w", "a"));
        assertThat(completedOn).containsExactly(caller);
    }

    @Test
    void cancellingTheStageOfAnAsyncCallCancelsTheServerSideWithoutCountingAgainstTheNode() throws Exception {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        List<Object> marks = new CopyOnWriteArrayList<>();
        Selector recording = new Selector() {
            @Override
            public Node select(String service, List<Node> candidates) {
                return candidates.get(0);
            }

            @Override
            public void mark(String service, Node node, Throwable failure) {
                marks.add(failure == null ? "answered" : failure);
            }
        };
        // one failure would eject the only node: a cancelled call must not count as one
        MucpClient client = client(recording, Map.of("micro.client.ejection.consecutive-failures", "1"));
        CompletableFuture<Reply> answer = client.<Reply>callAsync(Request.of("greeter", "Greeter.Parked",
                new Hello("p")), Reply.class, CallOptions.builder().timeout(Duration.ofSeconds(30)).build())
                .toCompletableFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.parked.get() == 1);

        assertThat(answer.cancel(true)).isTrue();

        assertThat(a.parkedCallCancelled.get(10, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> marks.size() == 1);
        assertThat(marks.get(0)).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(MicroException.CANCELLED));
        assertThat(client.outliers().anyEjected()).isFalse();
        assertThat(hello(client, "after", CallOptions.DEFAULT)).isEqualTo(new Reply("Hello after", "a"));
    }

    @Test
    void anInterruptedBlockingCallWithAnExecutorOfItsOwnEndsWith408AndCancelsTheServerSide() throws Exception {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        Executor own = Runnable::run;
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(client.call(Request.of("greeter", "Greeter.Parked", new Hello("i")), Reply.class,
                        CallOptions.builder().executor(own).build()));
            } catch (MicroException e) {
                outcome.set(Thread.currentThread().isInterrupted() ? e : "flag lost");
            }
        });
        caller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.parked.get() == 1);

        caller.interrupt();
        caller.join(10_000);

        assertThat(outcome.get()).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(MicroException.TIMEOUT));
        assertThat(a.parkedCallCancelled.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sendsMetadataToTheHandler() {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        Reply r = client(new RoundRobinSelector()).call(new Request("greeter", "Greeter.Meta", new Hello("m"), null,
                Map.of("Authorization", "Bearer t", "timeout", "1")), Reply.class, CallOptions.DEFAULT);
        assertThat(r.message()).isEqualTo("{Authorization=Bearer t}");
    }

    @Test
    void returnsTheRemote404ForAnUnknownEndpoint() {
        registry.with("greeter", node("a").node());
        assertThatThrownBy(() -> client(new RoundRobinSelector()).call(Request.of("greeter", "Greeter.Nope",
                new Hello("x")), Reply.class, CallOptions.DEFAULT)).isInstanceOfSatisfying(MicroException.class,
                        e -> assertThat(e.code()).isEqualTo(404));
    }

    @Test
    void returnsAHandlerFailureAs500WithTheMessageAndNoStackTrace() {
        registry.with("greeter", node("a").node());
        assertThatThrownBy(() -> client(new RoundRobinSelector()).call(Request.of("greeter", "Greeter.Fail",
                new Hello("x")), Reply.class, CallOptions.DEFAULT)).isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.id()).isEqualTo("greeter");
                    assertThat(e.detail()).isEqualTo("boom: x");
                    assertThat(e.toJson()).doesNotContain("at dev.").doesNotContain("Exception");
                });
    }

    @Test
    void timesOutWith408OnASlowHandlerAndSendsTheRemainingTime() {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        CallOptions shortDeadline = CallOptions.builder().timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> client.call(Request.of("greeter", "Greeter.Slow", new Hello("s")), Reply.class,
                shortDeadline)).isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(408);
                    assertThat(e.id()).isEqualTo("micro.client");
                });
        Reply remaining = client.call(Request.of("greeter", "Greeter.Remaining", new Hello("r")), Reply.class,
                CallOptions.builder().timeout(Duration.ofSeconds(20)).build());
        assertThat(Long.parseLong(remaining.message())).isBetween(1L, 20_000L);
    }

    @Test
    void aShortDeadlineWrittenAfterALongerOneOnTheSameConnectionStillExpiresOnTime() throws Exception {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        CompletableFuture<?> slowLong = client.callAsync(Request.of("greeter", "Greeter.Slow", new Hello("l")),
                Reply.class, CallOptions.builder().timeout(Duration.ofSeconds(30)).build()).toCompletableFuture();
        CompletableFuture<?> slowShort = client.callAsync(Request.of("greeter", "Greeter.Slow", new Hello("s")),
                Reply.class, CallOptions.builder().timeout(Duration.ofMillis(300)).build()).toCompletableFuture();
        // it must not wait in line behind the 30 s deadline
        assertThatThrownBy(() -> slowShort.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(MicroException.class)
                .cause().satisfies(e -> assertThat(((MicroException) e).code()).isEqualTo(408));
        assertThat(slowLong).isNotDone();
    }

    @Test
    void failsAnOversizeRequestWith413AndTheNextCallSucceeds() {
        registry.with("greeter", node("a").node());
        MucpClient client = client(new RoundRobinSelector());
        assertThat(hello(client, "first", CallOptions.DEFAULT).message()).isEqualTo("Hello first");
        String big = "x".repeat(5 * 1024 * 1024);
        assertThatThrownBy(() -> hello(client, big, CallOptions.DEFAULT)).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(413));
        assertThat(hello(client, "after", CallOptions.DEFAULT).message()).isEqualTo("Hello after");
    }

    @Test
    void failsWith503WhenTheServiceHasNoNode() {
        assertThatThrownBy(() -> hello(client(new RoundRobinSelector()), "x", CallOptions.DEFAULT))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(503);
                    assertThat(e.id()).isEqualTo("micro.client");
                });
    }

    @Test
    void retriesOnAnotherNodeWhenTheFirstRefusesTheConnection() throws IOException {
        String refused = closedPort();
        EchoNode b = node("b");
        registry.with("greeter", new Node("dead", refused, Map.of()), b.node());
        RecordingSelector selector = new RecordingSelector(List.of(refused, b.server.address()));
        assertThat(hello(client(selector), "r", CallOptions.DEFAULT).node()).isEqualTo("b");
        assertThat(selector.picked).containsExactly(refused, b.server.address());
        assertThat(selector.failedMarks).containsExactly(refused);
    }

    @Test
    void neverTriesTheSameNodeTwiceInOneCall() throws IOException {
        List<String> dead = List.of(closedPort(), closedPort(), closedPort());
        registry.with("greeter", dead.stream().map(a -> new Node(a, a, Map.of())).toArray(Node[]::new));
        RecordingSelector selector = new RecordingSelector(List.of());
        MucpClient client = client(selector);
        assertThatThrownBy(() -> hello(client, "x", CallOptions.builder().retries(10).build()))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(503));
        assertThat(selector.picked).hasSize(3).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(dead);
    }

    @Test
    void stopsAfterTheRetryBudget() throws IOException {
        List<String> dead = List.of(closedPort(), closedPort(), closedPort());
        registry.with("greeter", dead.stream().map(a -> new Node(a, a, Map.of())).toArray(Node[]::new));
        RecordingSelector selector = new RecordingSelector(List.of());
        assertThatThrownBy(() -> hello(client(selector), "x", CallOptions.builder().retries(1).build()))
                .isInstanceOf(MicroException.class);
        assertThat(selector.picked).hasSize(2);
    }

    @Test
    void retriesAnIdempotentCallAfterAConnectionResetButNotAnotherCall() throws IOException {
        String resetting = resettingNode();
        EchoNode b = node("b");
        registry.with("greeter", new Node("reset", resetting, Map.of()), b.node());
        MucpClient client = client(new RecordingSelector(List.of(resetting, b.server.address())));
        assertThatThrownBy(() -> hello(client, "once", CallOptions.DEFAULT))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(503);
                    assertThat(e.detail()).contains("lost after sending");
                });
        assertThat(b.calls.get()).isZero();
        Reply r = hello(client, "again", CallOptions.builder().idempotent(true).build());
        assertThat(r.node()).isEqualTo("b");
        assertThat(b.calls.get()).isEqualTo(1);
    }

    @Test
    void callsADirectAddressWithoutTheRegistry() {
        EchoNode a = node("a");
        Reply r = hello(client(new RoundRobinSelector()), "d", CallOptions.builder().address(a.server.address()).build());
        assertThat(r.node()).isEqualTo("a");
    }

    @Test
    void multiplexesManyConcurrentCallsOverOneConnection() {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        List<CompletableFuture<Reply>> calls = IntStream.range(0, 300)
                .mapToObj(i -> client.<Reply>callAsync(Request.of("greeter", "Greeter.Hello", new Hello("n" + i)),
                        Reply.class, CallOptions.DEFAULT).toCompletableFuture())
                .toList();
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join().message()).isEqualTo("Hello n" + i);
        }
        assertThat(client.openConnections()).isEqualTo(1);
    }

    @Test
    void completesFuturesOffTheEventLoop() {
        registry.with("greeter", node("a").node());
        CompletionStage<Reply> stage = client(new RoundRobinSelector()).callAsync(
                Request.of("greeter", "Greeter.Hello", new Hello("t")), Reply.class, CallOptions.DEFAULT);
        String thread = stage.thenApply(r -> Thread.currentThread().getName()).toCompletableFuture().join();
        assertThat(thread).doesNotContain("micro-client-io");
    }

    @Test
    void aBlockingCallDecodesItsAnswerOnTheWaitingThread() {
        registry.with("greeter", node("a").node());
        List<String> decodedOn = new CopyOnWriteArrayList<>();
        Codec json = EchoNode.codecs().forContentType("application/json");
        Codec recording = new Codec() {
            @Override
            public String contentType() {
                return json.contentType();
            }

            @Override
            public boolean supports(java.lang.reflect.Type type) {
                return json.supports(type);
            }

            @Override
            public void encode(Object value, java.io.OutputStream out) {
                json.encode(value, out);
            }

            @Override
            public Object decode(InputStream in, java.lang.reflect.Type type) {
                decodedOn.add(Thread.currentThread().getName());
                return json.decode(in, type);
            }
        };
        Settings s = Settings.of(Map.of());
        MucpClient client = new MucpClient(new ClientContext(s, registry, svc -> new RoundRobinSelector(),
                new Codecs(List.of(recording))), ClientSettings.from(s));
        closeables.add(client);
        assertThat(hello(client, "w", CallOptions.DEFAULT)).isEqualTo(new Reply("Hello w", "a"));
        assertThat(decodedOn).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void anInterruptEndsABlockingCallWith408AndKeepsTheFlag() throws Exception {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        MucpClient client = client(new RoundRobinSelector());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                client.call(Request.of("greeter", "Greeter.Slow", new Hello("i")), Reply.class, CallOptions.DEFAULT);
                failure.complete(null);
            } catch (Throwable t) {
                failure.complete(t);
            }
            flag.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.slowCallsWaiting.get() == 1);
        caller.interrupt();
        assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.code()).isEqualTo(408);
            assertThat(e.detail()).contains("interrupted");
        });
        assertThat(flag.get(10, TimeUnit.SECONDS)).isTrue();
        // the client reset the stream: the server cancelled the call and the connection serves the next one
        assertThat(hello(client, "next", CallOptions.DEFAULT)).isEqualTo(new Reply("Hello next", "a"));
        a.gate.countDown();
    }

    @Test
    void aCallRefusedByABackingOffNodeStillEndsAtItsDeadlineWhenTheNextSelectionHangs() throws Exception {
        String dead = closedPort();
        EchoNode live = node("live");
        registry.with("greeter", new Node("greeter", dead, Map.of()), live.node());
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger selections = new AtomicInteger();
        Selector deadThenHanging = new Selector() {
            @Override
            public Node select(String service, List<Node> candidates) {
                if (selections.incrementAndGet() <= 2) {
                    return candidates.stream().filter(n -> n.address().equals(dead)).findFirst().orElseThrow();
                }
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return candidates.get(0);
            }
        };
        MucpClient client = client(deadThenHanging, Map.of("micro.client.reconnect-backoff", "10s",
                "micro.client.reconnect-backoff-max", "10s"));
        try {
            // the first call's connect fails, so the dead node backs off
            assertThatThrownBy(() -> hello(client, "first", CallOptions.builder().retries(0).build()))
                    .isInstanceOf(MicroException.class);
            // the second is refused by the backoff before any connection, then its next selection hangs
            CompletableFuture<Reply> second = client.<Reply>callAsync(Request.of("greeter", "Greeter.Hello",
                    new Hello("second")), Reply.class, CallOptions.builder().timeout(Duration.ofMillis(300))
                            .build()).toCompletableFuture();
            assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(MicroException.class)
                    .satisfies(e -> assertThat(((MicroException) e.getCause()).code()).isEqualTo(408));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStepOfTheCallThatThrowsEndsTheCallWith500InsteadOfLeavingItWaiting() {
        registry.with("greeter", node("a").node());
        Selector failingMark = new Selector() {
            @Override
            public Node select(String service, List<Node> candidates) {
                return candidates.get(0);
            }

            @Override
            public void mark(String service, Node node, Throwable failure) {
                throw new IllegalStateException("selector bug, expected by the test");
            }
        };
        MucpClient client = client(failingMark);
        CompletableFuture<Reply> async = client.<Reply>callAsync(Request.of("greeter", "Greeter.Hello",
                new Hello("a")), Reply.class, CallOptions.DEFAULT).toCompletableFuture();
        assertThatThrownBy(() -> async.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(MicroException.class)
                .satisfies(e -> assertThat(((MicroException) e.getCause()).code()).isEqualTo(500));
        assertThatThrownBy(() -> hello(client, "b", CallOptions.DEFAULT)).isInstanceOfSatisfying(
                MicroException.class, e -> assertThat(e.detail()).contains("selector bug"));
    }

    @Test
    void aConnectThatCompletesWhileItIsAskedIsNeverTakenForAFailure() {
        // the connect completes right when it is first asked about, as when it completes on the event loop
        // between two questions of the calling thread
        EmbeddedChannel channel = new EmbeddedChannel();
        DefaultChannelPromise connect = new DefaultChannelPromise(channel, ImmediateEventExecutor.INSTANCE) {
            private boolean asked;

            private void completeOnFirstQuestion() {
                if (!asked) {
                    asked = true;
                    setSuccess();
                }
            }

            @Override
            public boolean isSuccess() {
                boolean success = super.isSuccess();
                completeOnFirstQuestion();
                return success;
            }

            @Override
            public boolean isDone() {
                boolean done = super.isDone();
                completeOnFirstQuestion();
                return done;
            }
        };
        List<String> outcome = new ArrayList<>();
        ClientConnection.whenConnected(connect, () -> outcome.add("connected"), cause -> outcome.add("failed " + cause));
        assertThat(outcome).containsExactly("connected");
        channel.close();
    }

    @Test
    void refusesACallbackSpinOutsideItsBounds() {
        assertThatThrownBy(() -> client(new RoundRobinSelector(), Map.of("micro.client.callback-spin", "20ms")))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.detail()).contains("micro.client.callback-spin");
                });
    }

    @Test
    void roundRobinVisitsTheNodesInTurn() {
        EchoNode a = node("a");
        EchoNode b = node("b");
        EchoNode c = node("c");
        registry.with("greeter", c.node(), a.node(), b.node());
        MucpClient client = client(new RoundRobinSelector());
        List<String> answered = IntStream.range(0, 6).mapToObj(i -> hello(client, "x", CallOptions.DEFAULT).node())
                .toList();
        assertThat(answered.subList(0, 3)).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(answered.subList(3, 6)).isEqualTo(answered.subList(0, 3));
    }

    @Test
    void aShutdownLetsTheCallInFlightFinishAndNewCallsGoElsewhere() throws Exception {
        EchoNode a = node("a");
        EchoNode b = node("b");
        registry.with("greeter", a.node(), b.node());
        MucpClient client = client(new RecordingSelector(List.of(a.server.address(), b.server.address())));
        CompletableFuture<Reply> slow = client.<Reply>callAsync(Request.of("greeter", "Greeter.Slow", new Hello("s")),
                Reply.class, CallOptions.DEFAULT).toCompletableFuture();
        await().until(() -> a.slowCallsWaiting.get() == 1);
        CompletableFuture<Void> closed = a.server.shutdown(Duration.ofSeconds(20)).toCompletableFuture();
        assertThat(hello(client, "new", CallOptions.DEFAULT).node()).isEqualTo("b");
        assertThat(slow).isNotDone();
        a.gate.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(new Reply("slow s", "a"));
        closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void ejectsANodeThatFailsThreeTimesInARowAndProbesItBackInWhenItsEjectionRunsOut() throws IOException {
        AtomicLong clock = new AtomicLong();
        String down = closedPort();
        EchoNode b = node("b");
        registry.with("greeter", new Node("a", down, Map.of()), b.node());
        RecordingSelector selector = new RecordingSelector(List.of(down, b.server.address()));
        MucpClient client = client(new ClientContext(Settings.empty(), registry, svc -> selector, EchoNode.codecs()),
                clock::get);
        for (int i = 0; i < 3; i++) {
            assertThat(hello(client, "x", CallOptions.DEFAULT).node()).isEqualTo("b");
        }
        assertThat(selector.picked).containsExactly(down, b.server.address(), down, b.server.address(), down,
                b.server.address());
        selector.picked.clear();
        for (int i = 0; i < 3; i++) {
            assertThat(hello(client, "x", CallOptions.DEFAULT).node()).isEqualTo("b");
        }
        assertThat(selector.picked).as("the ejected node is not a candidate").containsOnly(b.server.address());
        EchoNode a = node("a", down);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        selector.picked.clear();
        assertThat(hello(client, "probe", CallOptions.DEFAULT).node()).as("the probe").isEqualTo("a");
        assertThat(selector.picked).as("a probe bypasses the selector").isEmpty();
        assertThat(hello(client, "x", CallOptions.DEFAULT).node()).as("readmitted").isEqualTo("a");
        assertThat(a.calls.get()).isEqualTo(2);
    }

    private EchoNode node(String name, String address) {
        EchoNode n = new EchoNode(name, Map.of("micro.server.address", address));
        closeables.add(n);
        return n;
    }

    @Test
    void tellsTheAttemptListenersOfEveryAttempt() throws IOException {
        String down = closedPort();
        EchoNode b = node("b");
        registry.with("greeter", new Node("a", down, Map.of()), b.node());
        List<String> seen = new CopyOnWriteArrayList<>();
        AttemptListener listener = (service, endpoint, node, failure) -> seen.add(service + " " + endpoint + " "
                + node.id() + " " + (failure == null ? "ok" : failure.code()));
        AttemptListener broken = (service, endpoint, node, failure) -> {
            throw new IllegalStateException("listener bug");
        };
        RecordingSelector selector = new RecordingSelector(List.of(down, b.server.address()));
        MucpClient client = client(new ClientContext(Settings.empty(), registry, svc -> selector, EchoNode.codecs(),
                name -> selector, List.of(broken, listener)), System::nanoTime);
        assertThat(hello(client, "x", CallOptions.DEFAULT).node()).isEqualTo("b");
        assertThatThrownBy(() -> client.call(Request.of("greeter", "Greeter.Fail", new Hello("f")), Reply.class,
                CallOptions.DEFAULT)).isInstanceOf(MicroException.class);
        assertThat(seen).containsExactly("greeter Greeter.Hello a 503", "greeter Greeter.Hello b ok",
                "greeter Greeter.Fail a 503", "greeter Greeter.Fail b ok");
    }

    @Test
    void usesTheSelectorThatACallNames() {
        EchoNode a = node("a");
        EchoNode b = node("b");
        registry.with("greeter", a.node(), b.node());
        RecordingSelector preferB = new RecordingSelector(List.of(b.server.address()));
        RecordingSelector preferA = new RecordingSelector(List.of(a.server.address()));
        MucpClient client = client(new ClientContext(Settings.empty(), registry, svc -> preferA, EchoNode.codecs(),
                name -> {
                    if (name.equals("prefer-b")) {
                        return preferB;
                    }
                    throw MicroException.badRequest("micro.config", "no selector named %s", name);
                }, List.of()), System::nanoTime);
        assertThat(hello(client, "x", CallOptions.DEFAULT).node()).isEqualTo("a");
        assertThat(hello(client, "x", CallOptions.builder().selector("prefer-b").build()).node()).isEqualTo("b");
        assertThatThrownBy(() -> hello(client, "x", CallOptions.builder().selector("nope").build()))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        MucpClient plain = client(new RoundRobinSelector());
        assertThatThrownBy(() -> hello(plain, "x", CallOptions.builder().selector("round-robin").build()))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void tellsTheSelectorWhenEachAttemptStartsAndEnds() throws IOException {
        String down = closedPort();
        EchoNode b = node("b");
        registry.with("greeter", new Node("a", down, Map.of()), b.node());
        dev.microcdi.transport.selector.LeastRequestsSelector selector =
                new dev.microcdi.transport.selector.LeastRequestsSelector();
        MucpClient client = client(selector);
        List<CompletableFuture<Reply>> calls = IntStream.range(0, 50)
                .mapToObj(i -> client.<Reply>callAsync(Request.of("greeter", "Greeter.Hello", new Hello("n" + i)),
                        Reply.class, CallOptions.DEFAULT).toCompletableFuture())
                .toList();
        calls.forEach(c -> assertThat(c.join().node()).isEqualTo("b"));
        assertThat(selector.inFlight(b.node())).isZero();
        assertThat(selector.inFlight(new Node("a", down, Map.of()))).isZero();
    }

    @Test
    void endsTheAttemptForTheSelectorWhenTheDeadlineCutsItShort() {
        EchoNode a = node("a");
        registry.with("greeter", a.node());
        dev.microcdi.transport.selector.LeastRequestsSelector selector =
                new dev.microcdi.transport.selector.LeastRequestsSelector();
        List<String> seen = new CopyOnWriteArrayList<>();
        MucpClient client = client(new ClientContext(Settings.empty(), registry, svc -> selector, EchoNode.codecs(),
                name -> selector, List.of((service, endpoint, node, failure) -> seen.add(
                        node.id() + " " + (failure == null ? "ok" : failure.code())))), System::nanoTime);
        assertThatThrownBy(() -> client.call(Request.of("greeter", "Greeter.Slow", new Hello("s")), Reply.class,
                CallOptions.builder().timeout(Duration.ofMillis(300)).build()))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(408));
        await().untilAsserted(() -> assertThat(seen).containsExactly("a 408"));
        assertThat(selector.inFlight(a.node())).isZero();
    }
}
