package dev.microcdi.transport.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.AttemptListener;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.registry.Node;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.EchoNode.Hello;
import dev.microcdi.transport.EchoNode.Reply;
import dev.microcdi.transport.MemoryNodes;
import dev.microcdi.transport.RecordingSelector;
import dev.microcdi.transport.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconnect backoff per node address, on a fake clock. */
class ReconnectBackoffTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final MemoryNodes registry = new MemoryNodes();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private MucpClient client(Map<String, String> settings, RecordingSelector selector, List<AttemptListener> seen) {
        Settings s = Settings.of(settings);
        RecordingSelector chosen = selector;
        MucpClient c = new MucpClient(new ClientContext(s, registry, svc -> chosen, EchoNode.codecs(),
                name -> chosen, seen), ClientSettings.from(s), clock::get);
        closeables.add(c);
        return c;
    }

    private MucpClient client(Map<String, String> settings) {
        return client(settings, new RecordingSelector(List.of()), List.of());
    }

    private EchoNode node(String name, String address) {
        EchoNode n = new EchoNode(name, Map.of("micro.server.address", address));
        closeables.add(n);
        return n;
    }

    private static String closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private static Reply hello(MucpClient client, String address) {
        return client.call(Request.of("greeter", "Greeter.Hello", new Hello("x")), Reply.class,
                CallOptions.builder().address(address).retries(0).build());
    }

    private static void assertBackingOff(MucpClient client, String address, int failures) {
        assertThatThrownBy(() -> hello(client, address)).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.code()).isEqualTo(MicroException.UNAVAILABLE);
            assertThat(e.id()).isEqualTo("micro.client");
            assertThat(e.detail()).contains("failed " + failures + " time(s) in a row").contains("next connect in");
        });
        assertThat(client.openConnections()).isZero();
    }

    private static void assertRefused(MucpClient client, String address) {
        assertThatThrownBy(() -> hello(client, address)).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.code()).isEqualTo(MicroException.UNAVAILABLE);
            assertThat(e.detail()).contains("cannot reach");
        });
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    @Test
    void aFailureReportedByEachPathThatSawItCountsOnceAndBacksOffBeforeEitherReturns() {
        ReconnectBackoff backoff = new ReconnectBackoff(ReconnectSettings.from(Settings.of(Map.of(
                "micro.client.reconnect-backoff", "100ms"))), clock::get);
        Object refused = new Object();
        backoff.failed("127.0.0.1:1", refused);
        backoff.failed("127.0.0.1:1", refused);
        assertThatThrownBy(() -> backoff.check("127.0.0.1:1")).hasMessageContaining("failed 1 time(s) in a row");
        advance(Duration.ofMillis(100));
        backoff.check("127.0.0.1:1");
        backoff.failed("127.0.0.1:1", new Object());
        assertThatThrownBy(() -> backoff.check("127.0.0.1:1")).hasMessageContaining("failed 2 time(s) in a row");
    }

    @Test
    void aRefusedAddressIsNotDialledAgainBeforeItsBackoffThenConnects() throws IOException {
        String address = closedPort();
        MucpClient client = client(Map.of("micro.client.reconnect-backoff", "100ms"));
        assertRefused(client, address);
        EchoNode late = node("late", address);
        assertBackingOff(client, address, 1);
        assertThat(late.calls.get()).as("the node was not dialled while backing off").isZero();
        advance(Duration.ofMillis(100));
        assertThat(hello(client, address).node()).isEqualTo("late");
    }

    @Test
    void theWaitDoublesWithEachFailureInARowUpToTheCap() throws IOException {
        String address = closedPort();
        MucpClient client = client(Map.of("micro.client.reconnect-backoff", "100ms",
                "micro.client.reconnect-backoff-max", "300ms"));
        assertRefused(client, address);
        // after failure n the wait lies between half and all of min(300ms, 100ms * 2^(n-1))
        long[] boundsMillis = {100, 200, 300, 300};
        for (int n = 1; n <= boundsMillis.length; n++) {
            advance(Duration.ofMillis(boundsMillis[n - 1] / 2 - 1));
            assertBackingOff(client, address, n);
            advance(Duration.ofMillis(boundsMillis[n - 1] - boundsMillis[n - 1] / 2 + 1));
            assertRefused(client, address);
        }
    }

    @Test
    void aDroppedConnectionBacksOffAndAConnectionMadeStartsTheBackoffOver() throws IOException {
        EchoNode node = node("n", "127.0.0.1:0");
        TcpProxy proxy = new TcpProxy(node.server.address());
        closeables.add(proxy);
        String address = proxy.address();
        MucpClient client = client(Map.of("micro.client.reconnect-backoff", "100ms"));
        assertThat(hello(client, address).node()).isEqualTo("n");
        for (int round = 0; round < 3; round++) {
            proxy.dropConnections();
            await().atMost(Duration.ofSeconds(20)).until(() -> client.openConnections() == 0);
            int accepted = proxy.accepted.get();
            // one failure each round: the connection made in the round before started the backoff over
            assertBackingOff(client, address, 1);
            assertThat(proxy.accepted.get()).as("not dialled while backing off").isEqualTo(accepted);
            advance(Duration.ofMillis(100));
            assertThat(hello(client, address).node()).isEqualTo("n");
        }
    }

    @Test
    void callsMoveOnToAnotherNodeWhileOneBacksOffWithoutDiallingIt() throws Exception {
        String down = closedPort();
        EchoNode b = node("b", "127.0.0.1:0");
        registry.with("greeter", new Node("a", down, Map.of()), b.node());
        RecordingSelector selector = new RecordingSelector(List.of(down, b.server.address()));
        List<String> attempts = new CopyOnWriteArrayList<>();
        MucpClient client = client(Map.of("micro.client.ejection.consecutive-failures", "0"), selector,
                List.of((service, endpoint, node, failure) -> attempts.add(node.id() + " "
                        + (failure == null ? "ok" : failure.detail()))));
        for (int i = 0; i < 3; i++) {
            Reply r = client.call(Request.of("greeter", "Greeter.Hello", new Hello("m")), Reply.class,
                    CallOptions.DEFAULT);
            assertThat(r.node()).isEqualTo("b");
        }
        assertThat(selector.picked).containsExactly(down, b.server.address(), down, b.server.address(), down,
                b.server.address());
        assertThat(attempts).hasSize(6);
        assertThat(attempts.get(0)).startsWith("a ").contains("cannot reach");
        assertThat(attempts.get(2)).startsWith("a ").contains("next connect in");
        assertThat(attempts.get(4)).startsWith("a ").contains("next connect in");
        assertThat(attempts).filteredOn(a -> a.startsWith("b ")).containsOnly("b ok");
    }

    @Test
    void zeroDisablesTheBackoff() throws IOException {
        String address = closedPort();
        MucpClient client = client(Map.of("micro.client.reconnect-backoff", "0"));
        assertRefused(client, address);
        node("at-once", address);
        assertThat(hello(client, address).node()).isEqualTo("at-once");
    }

    @Test
    void rejectsBadSettingsWith400() {
        for (Map<String, String> bad : List.of(Map.of("micro.client.reconnect-backoff", "-1s"),
                Map.of("micro.client.reconnect-backoff", "20s"),
                Map.of("micro.client.reconnect-backoff", "1s", "micro.client.reconnect-backoff-max", "500ms"))) {
            assertThatThrownBy(() -> ReconnectSettings.from(Settings.of(bad)))
                    .isInstanceOfSatisfying(MicroException.class, e -> {
                        assertThat(e.code()).isEqualTo(MicroException.BAD_REQUEST);
                        assertThat(e.detail()).contains("micro.client.reconnect-backoff");
                    });
        }
        assertThat(ReconnectSettings.from(Settings.empty())).isEqualTo(ReconnectSettings.DEFAULT);
    }
}
