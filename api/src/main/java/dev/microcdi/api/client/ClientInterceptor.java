package dev.microcdi.api.client;

import dev.microcdi.api.CallKind;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Wraps every outgoing call of a {@link Client}, like Go Micro's client {@code Wrapper}/{@code CallWrapper}:
 * it may change the request (e.g. add metadata), the options, or answer itself. Both methods pass the call
 * on unchanged by default, so an interceptor overrides only what it needs. Implementations are thread-safe.
 * A unary call that keeps the response metadata ({@link Client#replyAsync}) reaches {@code call} with the
 * response type {@code Reply<T>} ({@link Reply#isReplyType}) and completes with a {@link Reply}, which the
 * interceptor may read; one that answers such a call itself answers with a {@code Reply}.
 * In CDI, beans of this type wrap the client behind every {@code @MicroClient} proxy, ordered by
 * {@code jakarta.annotation.Priority} (lowest first, i.e. outermost).
 *
 * <p>A blocking call ({@link Client#call}) passes through {@code call} too, asynchronously, with
 * {@link CallOptions#executor()} set to a {@link CallerRunsExecutor} of the waiting thread, so that the answer
 * and the stages of the chain complete on that thread. That executor takes tasks only while the thread waits for
 * the chain's stage: an interceptor that schedules work of its own on it after the call ended, or while it
 * blocks the calling thread, has it refused, and should use an executor of its own for such work.
 */
public interface ClientInterceptor {

    /** The rest of the chain for a unary call. */
    @FunctionalInterface
    interface UnaryInvoker {
        /**
         * Goes on with the call.
         *
         * @param request the call
         * @param responseType the response type
         * @param options the options
         * @param <T> the response type
         * @return the response
         */
        <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options);
    }

    /** The rest of the chain for a streaming call. */
    @FunctionalInterface
    interface StreamInvoker {
        /**
         * Goes on with the stream.
         *
         * @param request the call
         * @param kind the endpoint's shape
         * @param requestType the request type
         * @param responseType the response type
         * @param options the options
         * @param <T> the response type
         * @return the responses
         */
        <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
                CallOptions options);
    }

    /**
     * Intercepts a unary call.
     *
     * @param request the call
     * @param responseType the response type
     * @param options the options
     * @param next the rest of the chain
     * @param <T> the response type
     * @return the response
     */
    default <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options, UnaryInvoker next) {
        return next.call(request, responseType, options);
    }

    /**
     * Intercepts a streaming call.
     *
     * @param request the call
     * @param kind the endpoint's shape
     * @param requestType the request type
     * @param responseType the response type
     * @param options the options
     * @param next the rest of the chain
     * @param <T> the response type
     * @return the responses
     */
    default <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
            CallOptions options, StreamInvoker next) {
        return next.stream(request, kind, requestType, responseType, options);
    }

    /**
     * A client whose calls pass through interceptors; closing it closes {@code client}.
     *
     * @param client the client that makes the calls
     * @param interceptors the interceptors, outermost first
     * @return the intercepted client, or {@code client} itself when the list is empty
     */
    static Client wrap(Client client, List<? extends ClientInterceptor> interceptors) {
        return interceptors.isEmpty() ? client : new InterceptedClient(client, List.copyOf(interceptors));
    }
}
