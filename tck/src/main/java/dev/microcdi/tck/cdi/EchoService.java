package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Serves {@link Echo} as service {@code echo}. */
@ApplicationScoped
@MicroService(name = "echo", version = "1.2.3", metadata = "team=tck")
public class EchoService implements Echo {

    @Override
    public Said say(Say request) {
        return new Said(request.text(), "echo");
    }

    @Override
    public CompletionStage<Said> sayAsync(Say request) {
        return CompletableFuture.completedFuture(say(request));
    }

    @Override
    public Said fail(Say request) {
        throw new IllegalArgumentException(request.text());
    }
}
