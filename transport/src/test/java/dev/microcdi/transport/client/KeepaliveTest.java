package dev.microcdi.transport.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.Request;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.EchoNode.Hello;
import dev.microcdi.transport.EchoNode.Reply;
import dev.microcdi.transport.MemoryNodes;
import dev.microcdi.transport.selector.RoundRobinSelector;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connection management: idle close, keepalive, connections per node. */
class KeepaliveTest {

    private static MucpClient client(Map<String, String> settings) {
        Settings s = Settings.of(settings);
        RoundRobinSelector selector = new RoundRobinSelector();
        return new MucpClient(new ClientContext(s, new MemoryNodes(), svc -> selector, EchoNode.codecs()),
                ClientSettings.from(s));
    }

    @Test
    void aConnectionWithoutCallsIsClosedAfterTheIdleTimeoutAndReopenedOnTheNextCall() {
        try (EchoNode node = new EchoNode("idle");
                MucpClient client = client(Map.of("micro.client.keepalive-interval", "100ms",
                        "micro.client.idle-timeout", "300ms"))) {
            CallOptions direct = CallOptions.builder().address(node.server.address()).build();
            Reply first = client.call(Request.of("greeter", "Greeter.Hello", new Hello("a")), Reply.class, direct);
            assertThat(first.message()).isEqualTo("Hello a");
            assertThat(client.openConnections()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> client.openConnections() == 0);
            Reply second = client.call(Request.of("greeter", "Greeter.Hello", new Hello("b")), Reply.class, direct);
            assertThat(second.message()).isEqualTo("Hello b");
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosedAndItsCallsFailAsLost() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
                MucpClient client = client(Map.of("micro.client.keepalive-interval", "200ms"))) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket s = silent.accept();
                    InputStream in = s.getInputStream();
                    CompletableFuture.runAsync(() -> {
                        try {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        } catch (java.io.IOException closed) {
                            // the client closed the connection: the test goes on
                        }
                    });
                    return s;
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            CallOptions direct = CallOptions.builder().address("127.0.0.1:" + silent.getLocalPort())
                    .timeout(Duration.ofMinutes(2)).retries(0).build();
            CompletableFuture<Reply> call = client.<Reply>callAsync(Request.of("greeter", "Greeter.Hello",
                    new Hello("x")), Reply.class, direct).toCompletableFuture();
            try {
                call.get(60, TimeUnit.SECONDS);
                throw new AssertionError("the call to a silent peer answered");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOfSatisfying(MicroException.class,
                        m -> assertThat(m.code()).isEqualTo(MicroException.UNAVAILABLE));
            }
            accepted.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void callsSpreadOverTheConfiguredConnectionsPerNode() {
        try (EchoNode node = new EchoNode("pool");
                MucpClient client = client(Map.of("micro.client.connections-per-node", "3"))) {
            CallOptions direct = CallOptions.builder().address(node.server.address()).build();
            for (int i = 0; i < 6; i++) {
                Reply r = client.call(Request.of("greeter", "Greeter.Hello", new Hello("c" + i)), Reply.class, direct);
                assertThat(r.message()).isEqualTo("Hello c" + i);
            }
            assertThat(client.openConnections()).isEqualTo(3);
        }
    }
}
