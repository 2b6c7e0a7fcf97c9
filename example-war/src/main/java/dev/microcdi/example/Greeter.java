package dev.microcdi.example;

import dev.microcdi.api.Idempotent;
import java.util.concurrent.CompletionStage;

/** The greeter contract: endpoint {@code Greeter.Hello}, in a blocking and an async form. */
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
}
