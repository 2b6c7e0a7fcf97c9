package dev.microcdi.api.server;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Wraps the handling of every call of a server, like Go Micro's {@code HandlerWrapper}: logging, metrics,
 * auth, metadata checks. It sees unary and streaming calls alike (for streams the request or the result is
 * a {@link java.util.concurrent.Flow.Publisher}, see {@link EndpointDefinition}). An interceptor calls
 * {@code next} to go on, or returns (or throws) without calling it to answer itself. Implementations are
 * thread-safe. In CDI, beans of this type are applied to every {@code @MicroService} endpoint, ordered by
 * {@code jakarta.annotation.Priority} (lowest first, i.e. outermost).
 */
@FunctionalInterface
public interface ServerInterceptor {

    /**
     * Handles one call.
     *
     * @param request the decoded request, or a publisher of requests for an endpoint that streams them
     * @param context the call's context
     * @param next the rest of the chain, ending with the endpoint's handler
     * @return the answer, as {@link Handler#handle} returns it
     * @throws Exception any failure, answered as {@link Handler#handle} describes
     */
    CompletionStage<?> intercept(Object request, CallContext context, Handler next) throws Exception;

    /**
     * Wraps a handler in a chain of interceptors; the first of the list runs first.
     *
     * @param interceptors the interceptors, outermost first
     * @param handler the endpoint's handler
     * @return the wrapped handler, or {@code handler} itself when the list is empty
     */
    static Handler chain(List<? extends ServerInterceptor> interceptors, Handler handler) {
        Handler h = handler;
        for (int i = interceptors.size() - 1; i >= 0; i--) {
            ServerInterceptor interceptor = interceptors.get(i);
            Handler next = h;
            h = (request, context) -> interceptor.intercept(request, context, next);
        }
        return h;
    }
}
