package dev.microcdi.example;

import dev.microcdi.api.Idempotent;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The greeter contract: endpoint {@code Greeter.Hello} in a blocking and an async form, a server stream
 * {@code Greeter.Ticks} and a bidirectional stream {@code Greeter.Chat}.
 */
public interface Greeter {

    /**
     * Greets; safe to retry on another node.
     *
     * @param request who to greet
     * @return the greeting and the node that answered
     */
    @Idempotent
    HelloReply hello(HelloRequest request);

    /**
     * The async form of {@link #hello}.
     *
     * @param request who to greet
     * @return the greeting
     */
    CompletionStage<HelloReply> helloAsync(HelloRequest request);

    /**
     * Streams {@code request.count()} ticks, as fast as the caller reads them.
     *
     * @param request how many
     * @return the ticks
     */
    Flow.Publisher<Tick> ticks(TickRequest request);

    /**
     * Greets each request of a stream as it arrives.
     *
     * @param requests who to greet
     * @return one greeting per request, in order
     */
    Flow.Publisher<HelloReply> chat(Flow.Publisher<HelloRequest> requests);
}
