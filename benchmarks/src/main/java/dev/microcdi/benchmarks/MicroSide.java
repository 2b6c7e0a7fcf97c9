package dev.microcdi.benchmarks;

import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;
import dev.microcdi.api.CallKind;
import dev.microcdi.api.Publishers;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.client.ClientSettings;
import dev.microcdi.transport.client.MucpClient;
import dev.microcdi.transport.codec.ProtobufCodec;
import dev.microcdi.transport.selector.RoundRobinSelector;
import dev.microcdi.transport.server.MucpServer;
import dev.microcdi.transport.server.ServerSettings;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * micro-cdi: {@link MucpServer} and {@link MucpClient} with the protobuf codec, called by address. The echo
 * endpoint is non-blocking, like a {@code @MicroService} method that returns a {@code CompletionStage}, so the
 * default server ({@code micro.server.handler-threads=auto}) calls it on the event loop; the stream endpoint is
 * blocking, like a method that returns a {@code Flow.Publisher}, so it runs on a worker. By default
 * answers are completed on the client's callback pool; {@code direct} runs every handler and every client
 * callback on the event loops ({@code micro.server.handler-threads=event-loop},
 * {@code micro.client.direct-callbacks}).
 */
final class MicroSide {
    static final String SERVICE = "bench";

    private MicroSide() {
    }

    static Codecs codecs() {
        return new Codecs(List.of(new ProtobufCodec()));
    }

    /** The given settings under any {@code -Dmicro.*} system property, for trying other settings by hand. */
    private static Settings tuned(Settings settings) {
        return Settings.systemProperties().orElse(settings);
    }

    static AutoCloseable server(int port, boolean direct) {
        MucpServer server = new MucpServer(ServerSettings.from(tuned(Settings.of(Map.of("micro.server.address",
                "127.0.0.1:" + port, "micro.server.handler-threads", direct ? "event-loop" : "auto")))), codecs());
        server.register(new ServiceDefinition(SERVICE, "1", Map.of(), List.of(
                new EndpointDefinition("Bench.Echo", BytesValue.class, BytesValue.class, true,
                        (req, ctx) -> CompletableFuture.completedFuture(req)).withBlocking(false),
                new EndpointDefinition("Bench.Stream", Int64Value.class, BytesValue.class, false, (req, ctx) -> {
                    Int64Value r = (Int64Value) req;
                    BytesValue message = Payloads.message(Payloads.size(r));
                    return CompletableFuture.completedFuture(Publishers.generate(Payloads.count(r), i -> message));
                }, CallKind.SERVER_STREAM))));
        server.start();
        return server;
    }

    static Target client(String address, boolean direct) {
        Settings settings = tuned(Settings.of(Map.of("micro.client.direct-callbacks", Boolean.toString(direct))));
        RoundRobinSelector selector = new RoundRobinSelector();
        Registry none = (Registry) Proxy.newProxyInstance(Registry.class.getClassLoader(),
                new Class<?>[] {Registry.class}, (p, m, a) -> {
                    throw new IllegalStateException("the benchmark calls by address");
                });
        MucpClient client = new MucpClient(new ClientContext(settings, none, s -> selector, codecs()),
                ClientSettings.from(settings));
        CallOptions options = CallOptions.builder().address(address).build();
        return new Target() {
            @Override
            public void unary(BytesValue request, Done done) {
                client.callAsync(Request.of(SERVICE, "Bench.Echo", request), BytesValue.class, options)
                        .whenComplete((v, t) -> done.done(t));
            }

            @Override
            public void unaryBlocking(BytesValue request) {
                client.call(Request.of(SERVICE, "Bench.Echo", request), BytesValue.class, options);
            }

            @Override
            public long stream(long count, int size) throws Exception {
                return Publishers.count(client.<BytesValue>stream(Request.of(SERVICE, "Bench.Stream",
                        Payloads.streamRequest(count, size)), CallKind.SERVER_STREAM, Int64Value.class,
                        BytesValue.class, options)).toCompletableFuture().get(10, TimeUnit.MINUTES);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
