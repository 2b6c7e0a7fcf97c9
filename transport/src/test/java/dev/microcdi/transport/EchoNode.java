package dev.microcdi.transport;

import com.google.protobuf.StringValue;
import dev.microcdi.api.CallKind;
import dev.microcdi.api.Settings;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Handler;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.codec.JsonCodec;
import dev.microcdi.transport.codec.ProtobufCodec;
import dev.microcdi.transport.server.MucpServer;
import dev.microcdi.tck.transport.TestStreams.Producer;
import dev.microcdi.transport.server.ServerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real {@link MucpServer} on 127.0.0.1 serving the test service {@code greeter}, with counters and a gate. */
public final class EchoNode implements AutoCloseable {
    /** Request of the test service. */
    public record Hello(String name) {
    }

    /** Answer of the test service, naming the node that answered. */
    public record Reply(String message, String node) {
    }

    public final String name;
    public final MucpServer server;
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger slowCallsWaiting = new AtomicInteger();
    public final CountDownLatch gate = new CountDownLatch(1);
    /** Calls of {@code Greeter.Parked} that are waiting, and those that ended because their caller cancelled. */
    public final AtomicInteger parked = new AtomicInteger();
    public final CompletableFuture<Boolean> parkedCallCancelled = new CompletableFuture<>();
    /** The producer of the last {@code Greeter.Ticks} stream: endless, emitting on demand. */
    public final AtomicReference<Producer<Reply>> ticks = new AtomicReference<>();

    public EchoNode(String name, Map<String, String> settings) {
        this.name = name;
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("micro.server.address", "127.0.0.1:0");
        this.server = new MucpServer(ServerSettings.from(Settings.of(all)), codecs());
        server.register(new ServiceDefinition("greeter", "1.0.0", Map.of(), List.of(
                endpoint("Greeter.Hello", Hello.class, (req, ctx) -> reply("Hello " + ((Hello) req).name())),
                endpoint("Greeter.Proto", StringValue.class,
                        (req, ctx) -> CompletableFuture.completedFuture(StringValue.of("proto " + ((StringValue) req).getValue()))),
                endpoint("Greeter.Fail", Hello.class, (req, ctx) -> {
                    throw new IllegalStateException("boom: " + ((Hello) req).name());
                }),
                endpoint("Greeter.Slow", Hello.class, (req, ctx) -> {
                    slowCallsWaiting.incrementAndGet();
                    gate.await(20, TimeUnit.SECONDS);
                    return reply("slow " + ((Hello) req).name());
                }),
                endpoint("Greeter.Parked", Hello.class, (req, ctx) -> {
                    parked.incrementAndGet();
                    // answers never; tells whether the call was cancelled, as a handler that stops its work would
                    ctx.onEnd(() -> parkedCallCancelled.complete(ctx.cancelled()));
                    return new CompletableFuture<>();
                }),
                endpoint("Greeter.Remaining", Hello.class, (req, ctx) -> reply(
                        Long.toString(ctx.remaining().map(Duration::toMillis).orElse(-1L)))),
                endpoint("Greeter.Meta", Hello.class, (req, ctx) -> reply(String.valueOf(ctx.metadata()))),
                new EndpointDefinition("Greeter.Collect", Hello.class, Reply.class, false,
                        (req, ctx) -> new CompletableFuture<>(), CallKind.CLIENT_STREAM),
                new EndpointDefinition("Greeter.Ticks", Hello.class, Reply.class, false, (req, ctx) -> {
                    Producer<Reply> p = new Producer<>(-1, i -> new Reply("tick " + i, name), null);
                    ticks.set(p);
                    return CompletableFuture.completedFuture(p);
                }, CallKind.SERVER_STREAM)
        )));
        server.start();
    }

    public EchoNode(String name) {
        this(name, Map.of());
    }

    public static Codecs codecs() {
        return new Codecs(List.of(new JsonCodec(), new ProtobufCodec()));
    }

    private EndpointDefinition endpoint(String name, Class<?> requestType, Handler handler) {
        Handler counted = (req, ctx) -> {
            calls.incrementAndGet();
            return handler.handle(req, ctx);
        };
        return new EndpointDefinition(name, requestType, requestType == Hello.class ? Reply.class : requestType, false,
                counted);
    }

    private CompletableFuture<Reply> reply(String message) {
        return CompletableFuture.completedFuture(new Reply(message, name));
    }

    public int port() {
        return Integer.parseInt(server.address().substring(server.address().lastIndexOf(':') + 1));
    }

    public Node node() {
        return new Node(name, server.address(), server.nodeMetadata());
    }

    @Override
    public void close() {
        gate.countDown();
        server.close();
    }
}
