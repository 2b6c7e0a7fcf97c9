package dev.microcdi.transport.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.ClientInterceptor;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Handler;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.EchoNode.Hello;
import dev.microcdi.transport.EchoNode.Reply;
import dev.microcdi.transport.MemoryNodes;
import dev.microcdi.transport.selector.RoundRobinSelector;
import dev.microcdi.transport.server.MucpServer;
import dev.microcdi.transport.server.ServerSettings;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.transport.codec.JsonCodec;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls made on an event loop, by a handler that runs there: a blocking one fails at once instead of stalling the
 * loop (which may have to read its answer), and an async one looks its nodes up in the registry off the loop.
 */
class EventLoopCallsTest {
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<String> lookupThreads = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    /** A client whose registry knows {@code greeter} at the node's address and records the looking-up threads. */
    private MucpClient client(EchoNode node) {
        MemoryNodes nodes = new MemoryNodes().with("greeter", node.node());
        Registry recording = (Registry) Proxy.newProxyInstance(Registry.class.getClassLoader(),
                new Class<?>[] {Registry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getService")) {
                        lookupThreads.add(Thread.currentThread().getName());
                    }
                    return method.invoke(nodes, args);
                });
        Settings settings = Settings.of(Map.of());
        RoundRobinSelector selector = new RoundRobinSelector();
        MucpClient client = new MucpClient(new ClientContext(settings, recording, s -> selector,
                EchoNode.codecs()), ClientSettings.from(settings));
        closeables.add(client);
        return client;
    }

    /**
     * A client with one event loop, on which {@code timers()} runs tasks: a call made there is sent on its
     * connection's own loop.
     */
    private MucpClient oneLoopClient(Codecs codecs) {
        Settings settings = Settings.of(Map.of("micro.client.io-threads", "1"));
        RoundRobinSelector selector = new RoundRobinSelector();
        MucpClient client = new MucpClient(new ClientContext(settings, new MemoryNodes(), s -> selector, codecs),
                ClientSettings.from(settings));
        closeables.add(client);
        return client;
    }

    /** A server whose one non-blocking endpoint {@code Relay.Hello} runs the handler on its event loop. */
    private String relay(Handler handler) {
        MucpServer server = new MucpServer(ServerSettings.from(Settings.of(Map.of("micro.server.address",
                "127.0.0.1:0"))), EchoNode.codecs());
        server.register(new ServiceDefinition("relay", "1", Map.of(), List.of(new EndpointDefinition("Relay.Hello",
                Hello.class, String.class, false, handler, CallKind.UNARY, false))));
        server.start();
        closeables.add(server);
        return server.address();
    }

    private static String callRelay(MucpClient caller, String address) {
        return caller.call(Request.of("relay", "Relay.Hello", new Hello("x")), String.class,
                CallOptions.builder().address(address).build());
    }

    /** Runs a blocking call and answers the code and detail it failed with. */
    private static CompletionStage<Object> failureOf(Runnable blockingCall) {
        try {
            blockingCall.run();
            return CompletableFuture.completedFuture("no failure");
        } catch (MicroException e) {
            return CompletableFuture.completedFuture(e.code() + " " + e.detail());
        }
    }

    @Test
    void aBlockingCallOnTheEventLoopFailsAtOnceWith500NamingTheWayOut() {
        EchoNode node = new EchoNode("a");
        closeables.add(node);
        MucpClient client = client(node);
        Client intercepted = ClientInterceptor.wrap(client, List.of(new ClientInterceptor() {
        }));
        String address = relay((req, ctx) -> failureOf(() -> client.call(Request.of("greeter", "Greeter.Hello",
                new Hello("y")), Reply.class, CallOptions.DEFAULT)));
        assertThat(callRelay(client, address)).startsWith("500 blocking call of greeter Greeter.Hello on event loop")
                .contains("micro-server-io", "@Blocking");
        String throughInterceptors = relay((req, ctx) -> failureOf(() -> intercepted.call(Request.of("greeter",
                "Greeter.Hello", new Hello("y")), Reply.class, CallOptions.DEFAULT)));
        assertThat(callRelay(client, throughInterceptors)).startsWith("500 blocking call of greeter Greeter.Hello");
        assertThat(node.calls.get()).isZero();
    }

    @Test
    void anAsyncCallOnTheEventLoopLooksItsNodesUpOffTheLoopAndIsAnswered() {
        EchoNode node = new EchoNode("a");
        closeables.add(node);
        MucpClient client = client(node);
        String address = relay((req, ctx) -> client.<Reply>callAsync(Request.of("greeter", "Greeter.Hello",
                new Hello("z")), Reply.class, CallOptions.DEFAULT).thenApply(Reply::message));
        assertThat(callRelay(client, address)).isEqualTo("Hello z");
        assertThat(lookupThreads).singleElement().asString().startsWith("micro-client-callback-");
    }

    @Test
    void aCallOnTheClientsOwnEventLoopWhoseHeadersCannotBeWrittenFailsItsStageInsteadOfThrowing() throws Exception {
        EchoNode node = new EchoNode("a");
        closeables.add(node);
        MucpClient client = oneLoopClient(EchoNode.codecs());
        CallOptions byAddress = CallOptions.builder().address(node.server.address()).retries(0).build();
        assertThat(client.<Reply>call(Request.of("greeter", "Greeter.Hello", new Hello("open")), Reply.class,
                byAddress).message()).isEqualTo("Hello open");
        Request unwritable = new Request("greeter", "Greeter.Hello", new Hello("h"), null,
                Map.of("k".repeat(70_000), "v"));
        // on the connection's only event loop, the connection writes the call itself, not through the pipeline
        CompletionStage<Reply> call = client.timers().submit(() -> client.<Reply>callAsync(unwritable, Reply.class,
                byAddress)).get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> call.toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(MicroException.class).hasMessageContaining("65535");
        assertThat(client.<Reply>call(Request.of("greeter", "Greeter.Hello", new Hello("after")), Reply.class,
                byAddress).message()).isEqualTo("Hello after");
    }

    @Test
    void anErrorWhileWritingACallOnTheClientsOwnEventLoopFailsItsStageInsteadOfReachingTheCaller() throws Exception {
        EchoNode node = new EchoNode("a");
        closeables.add(node);
        JsonCodec json = new JsonCodec();
        // a codec that fails with an Error when the connection asks its content type for the request headers
        Codec failing = new Codec() {
            @Override
            public String contentType() {
                if (Thread.currentThread().getName().startsWith("micro-client-io")) {
                    throw new ExceptionInInitializerError("codec not initialised");
                }
                return json.contentType();
            }

            @Override
            public boolean supports(Type type) {
                return json.supports(type);
            }

            @Override
            public void encode(Object value, OutputStream out) {
                json.encode(value, out);
            }

            @Override
            public Object decode(InputStream in, Type type) {
                return json.decode(in, type);
            }
        };
        MucpClient client = oneLoopClient(new Codecs(List.of(failing)));
        CallOptions byAddress = CallOptions.builder().address(node.server.address()).retries(0).build();
        // a first call from this thread opens the connection; its headers are written on the loop and fail too
        assertThatThrownBy(() -> client.call(Request.of("greeter", "Greeter.Hello", new Hello("open")), Reply.class,
                byAddress)).isInstanceOf(MicroException.class);
        CompletionStage<Reply> call = client.timers().submit(() -> client.<Reply>callAsync(Request.of("greeter",
                "Greeter.Hello", new Hello("h")), Reply.class, byAddress)).get(5, TimeUnit.SECONDS);
        assertThatThrownBy(() -> call.toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(MicroException.class).hasMessageContaining("codec not initialised");
    }

    @Test
    void aBlockingCallOffTheEventLoopIsUnchanged() {
        EchoNode node = new EchoNode("a");
        closeables.add(node);
        MucpClient client = client(node);
        assertThat(client.<Reply>call(Request.of("greeter", "Greeter.Hello", new Hello("w")), Reply.class,
                CallOptions.DEFAULT).message()).isEqualTo("Hello w");
        assertThat(lookupThreads).singleElement().asString().isEqualTo(Thread.currentThread().getName());
        assertThatThrownBy(() -> client.call(Request.of("greeter", "Greeter.Nope", new Hello("w")), Reply.class,
                CallOptions.DEFAULT)).isInstanceOfSatisfying(MicroException.class,
                        e -> assertThat(e.code()).isEqualTo(404));
    }
}
