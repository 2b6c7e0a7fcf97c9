package dev.microcdi.example;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.MicroService;
import dev.microcdi.api.Publishers;
import dev.microcdi.cdi.ServerInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** Serves {@link Greeter} as service {@code greeter}. */
@ApplicationScoped
@MicroService(name = "greeter", version = "1.0.0")
public class GreeterService implements Greeter {
    private final ServerInfo server;

    /**
     * Creates the service.
     *
     * @param server what this process serves as, for the node id in replies
     */
    @Inject
    public GreeterService(ServerInfo server) {
        this.server = server;
    }

    /** For the container's proxy. */
    protected GreeterService() {
        this.server = null;
    }

    @Override
    public HelloReply hello(HelloRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw MicroException.badRequest("greeter", "name is required");
        }
        return new HelloReply("Hello " + request.name(), server.nodeId("greeter"));
    }

    @Override
    public CompletionStage<HelloReply> helloAsync(HelloRequest request) {
        return CompletableFuture.completedFuture(hello(request));
    }

    @Override
    public Flow.Publisher<Tick> ticks(TickRequest request) {
        if (request == null || request.count() < 0) {
            throw MicroException.badRequest("greeter", "count must not be negative");
        }
        String node = server.nodeId("greeter");
        return Publishers.generate(request.count(), i -> new Tick(i, node));
    }

    @Override
    public Flow.Publisher<HelloReply> chat(Flow.Publisher<HelloRequest> requests) {
        String node = server.nodeId("greeter");
        return Publishers.map(requests, r -> new HelloReply("Hello " + r.name(), node));
    }
}
