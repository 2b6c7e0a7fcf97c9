package dev.microcdi.api.client;

import dev.microcdi.api.MicroException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Waiting for the stage of a call, as the blocking methods of {@link Client} do. */
final class Stages {
    private Stages() {
    }

    /**
     * The stage's value, once it completes.
     *
     * @throws MicroException the stage's failure; 499 when it was cancelled; 408 when the thread is interrupted
     *     while waiting, which gives the call up: its stage is cancelled (the client resets it) and the thread's
     *     flag stays set; 500 wrapping any other failure
     */
    static <T> T await(CompletionStage<T> stage) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            return future.get();
        } catch (CancellationException e) {
            throw new MicroException("micro.client", MicroException.CANCELLED, "the call was cancelled", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new MicroException("micro.client", MicroException.TIMEOUT, "interrupted while waiting", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof MicroException me) {
                throw me;
            }
            throw new MicroException("micro.client", MicroException.INTERNAL, String.valueOf(cause.getMessage()),
                    cause);
        }
    }
}
