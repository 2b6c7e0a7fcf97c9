package dev.microcdi.tck.cdi;

import dev.microcdi.api.Blocking;
import dev.microcdi.api.MicroService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Serves {@link Threads} as service {@code threads}. */
@ApplicationScoped
@MicroService(name = "threads")
public class ThreadsService implements Threads {

    @Override
    public CompletionStage<String> stage(String ignored) {
        return CompletableFuture.completedFuture(Thread.currentThread().getName());
    }

    @Override
    @Blocking
    public CompletionStage<String> markedStage(String ignored) {
        return CompletableFuture.completedFuture(Thread.currentThread().getName());
    }

    @Override
    public String plain(String ignored) {
        return Thread.currentThread().getName();
    }

    @Override
    public String computed(String ignored) {
        return Thread.currentThread().getName();
    }
}
