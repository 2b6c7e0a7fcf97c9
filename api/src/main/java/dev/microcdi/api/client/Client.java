package dev.microcdi.api.client;

import dev.microcdi.api.MicroException;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Calls endpoints of remote services: selects a node per attempt, carries the deadline, and retries on
 * another node when the settings allow. Thread-safe; one client serves a whole application.
 *
 * <p>Errors are {@link MicroException}s: 503 when no node is available, 408 when the deadline passes, 400
 * when the request cannot be encoded, and the remote service's error as it sent it.
 */
public interface Client extends AutoCloseable {

    /**
     * Calls an endpoint without blocking.
     *
     * @param request the call
     * @param responseType the Java type of the response
     * @param options the call options
     * @param <T> the response type
     * @return the response, or a stage failed with a {@link MicroException}
     */
    <T> CompletionStage<T> callAsync(Request request, Type responseType, CallOptions options);

    /**
     * Calls an endpoint and waits for the response.
     *
     * @param request the call
     * @param responseType the Java type of the response
     * @param options the call options
     * @param <T> the response type
     * @return the response
     * @throws MicroException on failure
     */
    default <T> T call(Request request, Type responseType, CallOptions options) {
        CompletionStage<T> stage = callAsync(request, responseType, options);
        try {
            return stage.toCompletableFuture().get();
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

    /** Closes connections; calls in flight fail with 503. */
    @Override
    void close();
}
