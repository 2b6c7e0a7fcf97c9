package dev.microcdi.cdi;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.client.Reply;
import dev.microcdi.api.server.CallContext;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Handler;
import dev.microcdi.api.server.ServerInterceptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Turns the endpoint methods of a service bean into {@link Handler}s. Each handler is a method handle bound
 * to the bean's contextual reference, made once at start-up: a call does no reflection. The server
 * interceptors wrap the method, and a {@link CallScope} wraps the whole: while the interceptors and the method
 * run, and for streams whenever the server enters the service's publisher or the request stream signals the
 * service's subscriber, the call is the thread's {@link CurrentCall} (the injectable {@code CallContext}) and
 * the call's request context is active, until the server reports the end of the call. A method that returns
 * a {@code Reply} answers its value and sends its metadata as response metadata.
 */
final class ServiceHandlers {
    private ServiceHandlers() {
    }

    static EndpointDefinition definition(EndpointMethod endpoint, boolean blocking, Object reference,
            CurrentCall current, CallRequestContext requestContext, RequestScopeEvents events,
            List<ServerInterceptor> interceptors) {
        MethodHandle bound = handle(endpoint).bindTo(reference)
                .asType(MethodType.methodType(Object.class, Object.class));
        boolean returnsStage = endpoint.async();
        boolean reply = endpoint.reply();
        Handler method = (request, context) -> {
            Object result = invoke(bound, request);
            if (!reply) {
                return returnsStage ? (CompletionStage<?>) result : CompletableFuture.completedFuture(result);
            }
            return returnsStage ? ((CompletionStage<?>) result).thenApply(r -> answer((Reply<?>) r, context))
                    : CompletableFuture.completedFuture(answer((Reply<?>) result, context));
        };
        Handler chain = ServerInterceptor.chain(interceptors, method);
        CallKind kind = endpoint.kind();
        Handler scoped = (request, context) -> {
            CallScope scope = CallScope.open(requestContext, current, context, events);
            Object in = kind.streamsRequests() && request instanceof Flow.Publisher<?> requests
                    ? scope.requests(requests) : request;
            CompletionStage<?> result = scope.call(() -> chain.handle(in, context));
            if (!kind.streamsResponses() || result == null) {
                return result;
            }
            return result.thenApply(r -> r instanceof Flow.Publisher<?> responses ? scope.responses(responses) : r);
        };
        return new EndpointDefinition(endpoint.endpoint(), endpoint.requestType(), endpoint.responseType(),
                endpoint.idempotent(), scoped, kind, blocking);
    }

    /** The value of a method's {@code Reply}, whose metadata becomes the call's response metadata. */
    private static Object answer(Reply<?> reply, CallContext context) {
        if (reply == null) {
            return null;
        }
        context.responseMetadata().putAll(reply.metadata());
        return reply.value();
    }

    private static MethodHandle handle(EndpointMethod endpoint) {
        try {
            return MethodHandles.publicLookup().unreflect(endpoint.method());
        } catch (IllegalAccessException notPublic) {
            try {
                endpoint.method().setAccessible(true);
                return MethodHandles.lookup().unreflect(endpoint.method());
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("cannot call " + endpoint.method() + ": make the contract public", e);
            }
        }
    }

    private static Object invoke(MethodHandle bound, Object request) throws Exception {
        try {
            return (Object) bound.invokeExact(request);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        }
    }
}
