package dev.microcdi.api.client;

import dev.microcdi.api.MicroException;
import java.util.concurrent.CancellationException;
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
     *     while waiting (its flag stays set); 500 wrapping any other failure
     */
    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (CancellationException e) {
            throw new MicroException("micro.client", MicroException.CANCELLED, "the call was cancelled", e);
        } catch (InterruptedException e) {
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
