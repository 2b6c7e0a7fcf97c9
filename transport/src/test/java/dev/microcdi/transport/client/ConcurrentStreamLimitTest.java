package dev.microcdi.transport.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.tck.transport.TestStreams;
import dev.microcdi.tck.transport.TestStreams.Collector;
import dev.microcdi.tck.transport.TestStreams.Producer;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.EchoNode.Hello;
import dev.microcdi.transport.EchoNode.Reply;
import dev.microcdi.transport.MemoryNodes;
import dev.microcdi.transport.RecordingSelector;
import dev.microcdi.transport.TcpProxy;
import dev.microcdi.transport.server.MucpServer;
import dev.microcdi.transport.server.ServerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client keeps to the server's {@code max-concurrent-streams}: it queues what does not fit. */
class ConcurrentStreamLimitTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final MemoryNodes registry = new MemoryNodes();

    /** A server that allows {@code limit} streams per connection and counts the calls it serves at once. */
    private static final class CountingNode implements AutoCloseable {
        final MucpServer server;
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger served = new AtomicInteger();
        final CountDownLatch gate = new CountDownLatch(1);

        CountingNode(int limit) {
            server = new MucpServer(ServerSettings.from(Settings.of(Map.of("micro.server.address", "127.0.0.1:0",
                    "micro.server.max-concurrent-streams", Integer.toString(limit)))), EchoNode.codecs());
            server.register(new ServiceDefinition("counted", "1.0.0", Map.of(), List.of(
                    new EndpointDefinition("Counted.Hello", Hello.class, Reply.class, false, (req, ctx) -> {
                        enter();
                        return CompletableFuture.supplyAsync(() -> new Reply("Hello " + ((Hello) req).name(), "c"),
                                CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS))
                                .whenComplete((r, t) -> inFlight.decrementAndGet());
                    }),
                    new EndpointDefinition("Counted.Held", Hello.class, Reply.class, false, (req, ctx) -> {
                        enter();
                        return CompletableFuture.supplyAsync(() -> {
                            try {
                                gate.await(20, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            return new Reply("held " + ((Hello) req).name(), "c");
                        }).whenComplete((r, t) -> inFlight.decrementAndGet());
                    }),
                    new EndpointDefinition("Counted.Ticks", Hello.class, Reply.class, false, (req, ctx) -> {
                        enter();
                        return CompletableFuture.completedFuture(
                                leavingAtTheEnd(new Producer<>(200, i -> new Reply("tick " + i, "c"), null)));
                    }, CallKind.SERVER_STREAM))));
            server.start();
        }

        /** The stream, which leaves the count of calls in flight just before it ends, once. */
        private Flow.Publisher<Reply> leavingAtTheEnd(Flow.Publisher<Reply> stream) {
            AtomicBoolean left = new AtomicBoolean();
            Runnable leave = () -> {
                if (left.compareAndSet(false, true)) {
                    inFlight.decrementAndGet();
                }
            };
            return TestStreams.watched(stream, leave, leave);
        }

        private void enter() {
            served.incrementAndGet();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        }

        Node node() {
            return new Node("counted", server.address(), server.nodeMetadata());
        }

        @Override
        public void close() {
            gate.countDown();
            server.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private CountingNode node(int limit) {
        CountingNode n = new CountingNode(limit);
        closeables.add(n);
        return n;
    }

    /** Calls straight to the node, without retries. */
    private static CallOptions.Builder byAddress(CountingNode node) {
        return CallOptions.builder().address(node.server.address()).retries(0);
    }

    private MucpClient client(RecordingSelector selector) {
        return client(selector, Settings.empty());
    }

    private MucpClient client(RecordingSelector selector, Settings s) {
        MucpClient c = new MucpClient(new ClientContext(s, registry, svc -> selector, EchoNode.codecs()),
                ClientSettings.from(s));
        closeables.add(c);
        return c;
    }

    /** Makes {@code count} calls at once and checks that each got its own answer. */
    private static void callsAllAnswered(MucpClient client, int count, CallOptions options) {
        List<CompletableFuture<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(call(client, "Counted.Hello", "n" + i, options));
        }
        for (int i = 0; i < count; i++) {
            assertThat(calls.get(i).join().message()).isEqualTo("Hello n" + i);
        }
    }

    private static CompletableFuture<Reply> call(MucpClient client, String endpoint, String name,
            CallOptions options) {
        return client.<Reply>callAsync(Request.of("counted", endpoint, new Hello(name)), Reply.class, options)
                .toCompletableFuture();
    }

    @Test
    void fiftyConcurrentCallsToAServerAllowingTwoStreamsAllSucceedAndNeverExceedTwo() {
        CountingNode node = node(2);
        MucpClient client = client(new RecordingSelector(List.of()));
        CallOptions direct = byAddress(node).build();
        callsAllAnswered(client, 50, direct);
        assertThat(node.served.get()).isEqualTo(50);
        assertThat(node.maxInFlight.get()).isBetween(1, 2);
        assertThat(client.openConnections()).isEqualTo(1);
    }

    @Test
    void theClientsOwnLimitHoldsWhenItIsLowerThanTheServers() {
        CountingNode node = node(100);
        MucpClient client = client(new RecordingSelector(List.of()),
                Settings.of(Map.of("micro.client.max-concurrent-streams", "3")));
        CallOptions direct = byAddress(node).build();
        callsAllAnswered(client, 40, direct);
        assertThat(node.maxInFlight.get()).isBetween(1, 3);
    }

    @Test
    void aCallBeyondMaxWaitingIsRefusedWith503UnwrittenAndTheWaitingOnesStillRun() {
        CountingNode node = node(1);
        MucpClient client = client(new RecordingSelector(List.of()),
                Settings.of(Map.of("micro.client.max-waiting", "2")));
        CallOptions direct = byAddress(node).build();
        CompletableFuture<Reply> held = call(client, "Counted.Held", "first", direct);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.served.get() == 1);
        CompletableFuture<Reply> w1 = call(client, "Counted.Hello", "w1", direct);
        CompletableFuture<Reply> w2 = call(client, "Counted.Hello", "w2", direct);
        CompletableFuture<Reply> refused = call(client, "Counted.Hello", "w3", direct);
        assertThatThrownBy(refused::join).hasCauseInstanceOf(MicroException.class)
                .satisfies(e -> {
                    MicroException m = (MicroException) e.getCause();
                    assertThat(m.code()).isEqualTo(MicroException.UNAVAILABLE);
                    assertThat(m.detail()).contains("micro.client.max-waiting");
                });
        node.gate.countDown();
        assertThat(held.join().message()).isEqualTo("held first");
        assertThat(w1.join().message()).isEqualTo("Hello w1");
        assertThat(w2.join().message()).isEqualTo("Hello w2");
        assertThat(node.served.get()).as("the refused call never reached the server").isEqualTo(3);
    }

    @Test
    void callsMadeOnTheClientsEventLoopWaitInLineAndOneBeyondMaxWaitingFailsUnwritten() throws Exception {
        CountingNode node = node(1);
        MucpClient client = client(new RecordingSelector(List.of()),
                Settings.of(Map.of("micro.client.max-waiting", "2", "micro.client.io-threads", "1")));
        CallOptions direct = byAddress(node).build();
        CompletableFuture<Reply> held = call(client, "Counted.Held", "first", direct);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.served.get() == 1);
        // the client's only event loop makes the calls: they are written by the connection itself, not the pipeline
        List<CompletableFuture<Reply>> calls = client.timers().submit(() -> List.of(
                call(client, "Counted.Hello", "w1", direct), call(client, "Counted.Hello", "w2", direct),
                call(client, "Counted.Hello", "w3", direct))).get(5, TimeUnit.SECONDS);
        assertThatThrownBy(calls.get(2)::join).hasCauseInstanceOf(MicroException.class)
                .satisfies(e -> assertThat(((MicroException) e.getCause()).detail()).contains("micro.client.max-waiting"));
        node.gate.countDown();
        assertThat(held.join().message()).isEqualTo("held first");
        assertThat(calls.get(0).join().message()).isEqualTo("Hello w1");
        assertThat(calls.get(1).join().message()).isEqualTo("Hello w2");
        assertThat(node.served.get()).isEqualTo(3);
    }

    @Test
    void streamsWaitForAFreeStreamToo() throws Exception {
        CountingNode node = node(2);
        MucpClient client = client(new RecordingSelector(List.of()));
        CallOptions direct = byAddress(node).build();
        List<Collector<Reply>> readers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Collector<Reply> reader = new Collector<>(Long.MAX_VALUE, false);
            readers.add(reader);
            Flow.Publisher<Reply> ticks = client.stream(Request.of("counted", "Counted.Ticks", new Hello("s" + i)),
                    CallKind.SERVER_STREAM, Hello.class, Reply.class, direct);
            ticks.subscribe(reader);
        }
        List<CompletableFuture<Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(call(client, "Counted.Hello", "u" + i, direct));
        }
        for (Collector<Reply> reader : readers) {
            reader.done.get(30, TimeUnit.SECONDS);
            assertThat(reader.received.get()).isEqualTo(200);
        }
        calls.forEach(c -> assertThat(c.join().message()).startsWith("Hello u"));
        assertThat(node.maxInFlight.get()).isBetween(1, 2);
    }

    @Test
    void aCallWaitingForAStreamFailsWith408AtItsDeadlineWithoutReachingTheServer() {
        CountingNode node = node(1);
        MucpClient client = client(new RecordingSelector(List.of()));
        CallOptions direct = byAddress(node).build();
        CompletableFuture<Reply> held = call(client, "Counted.Held", "first", direct);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.served.get() == 1);
        CompletableFuture<Reply> waiting = call(client, "Counted.Hello", "late",
                byAddress(node).timeout(Duration.ofMillis(300)).build());
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(MicroException.class)
                .satisfies(e -> assertThat(((MicroException) e.getCause()).code()).isEqualTo(MicroException.TIMEOUT));
        assertThat(node.served.get()).as("the waiting call never reached the server").isEqualTo(1);
        node.gate.countDown();
        assertThat(held.join().message()).isEqualTo("held first");
        assertThat(call(client, "Counted.Hello", "next", direct).join().message()).isEqualTo("Hello next");
        assertThat(node.served.get()).isEqualTo(2);
    }

    @Test
    void callsWaitingOnAConnectionThatGoesAwayAreRetriedUnwrittenOnAnotherNode() {
        CountingNode a = node(1);
        CountingNode b = node(10);
        registry.with("counted", a.node(), b.node());
        MucpClient client = client(new RecordingSelector(List.of(a.server.address(), b.server.address())));
        CompletableFuture<Reply> held = call(client, "Counted.Held", "held", CallOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.served.get() == 1);
        List<CompletableFuture<Reply>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(call(client, "Counted.Hello", "w" + i, CallOptions.DEFAULT));
        }
        a.server.shutdown(Duration.ofSeconds(20));
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).join().message()).isEqualTo("Hello w" + i);
        }
        assertThat(b.served.get()).isEqualTo(5);
        assertThat(a.served.get()).as("the waiting calls never reached the node going away").isEqualTo(1);
        a.gate.countDown();
        assertThat(held.join().message()).isEqualTo("held held");
    }

    @Test
    void callsWaitingOnAConnectionThatIsLostAreRetriedUnwrittenOnAnotherNode() throws Exception {
        CountingNode a = node(1);
        CountingNode b = node(10);
        TcpProxy toA = new TcpProxy(a.server.address());
        closeables.add(toA);
        registry.with("counted", new Node("a", toA.address(), Map.of()), b.node());
        MucpClient client = client(new RecordingSelector(List.of(toA.address(), b.server.address())));
        CompletableFuture<Reply> held = call(client, "Counted.Held", "held", CallOptions.DEFAULT);
        await().atMost(Duration.ofSeconds(20)).until(() -> a.served.get() == 1);
        List<CompletableFuture<Reply>> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(call(client, "Counted.Hello", "w" + i, CallOptions.DEFAULT));
        }
        toA.dropConnections();
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).join().message()).isEqualTo("Hello w" + i);
        }
        assertThat(b.served.get()).isEqualTo(5);
        assertThat(a.served.get()).as("the waiting calls never reached the lost node").isEqualTo(1);
        assertThatThrownBy(held::join).hasCauseInstanceOf(MicroException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains("lost after sending"));
    }
}
