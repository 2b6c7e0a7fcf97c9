package dev.microcdi.cdi;

import dev.microcdi.api.client.Reply;
import dev.microcdi.api.server.CallContext;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Handler;
import dev.microcdi.api.server.ServerInterceptor;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.inject.Instance;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns the endpoint methods of a service bean into {@link Handler}s. Each handler is a method handle bound
 * to the bean's contextual reference, made once at start-up: a call does no reflection. While the bean
 * method runs, the call is the thread's {@link CurrentCall} (the injectable {@code CallContext}) and the
 * request context is active; the server interceptors wrap the whole. A method that returns a {@code Reply}
 * answers its value and sends its metadata as response metadata.
 */
final class ServiceHandlers {
    private ServiceHandlers() {
    }

    static EndpointDefinition definition(EndpointMethod endpoint, Object reference, CurrentCall current,
            Instance<RequestContextController> requestContext, List<ServerInterceptor> interceptors) {
        MethodHandle bound = handle(endpoint).bindTo(reference)
                .asType(MethodType.methodType(Object.class, Object.class));
        boolean returnsStage = endpoint.async();
        boolean reply = endpoint.reply();
        Handler handler = (request, context) -> {
            Object result = invoke(bound, request, context, current, requestContext);
            if (!reply) {
                return returnsStage ? (CompletionStage<?>) result : CompletableFuture.completedFuture(result);
            }
            return returnsStage ? ((CompletionStage<?>) result).thenApply(r -> answer((Reply<?>) r, context))
                    : CompletableFuture.completedFuture(answer((Reply<?>) result, context));
        };
        return new EndpointDefinition(endpoint.endpoint(), endpoint.requestType(), endpoint.responseType(),
                endpoint.idempotent(), ServerInterceptor.chain(interceptors, handler), endpoint.kind());
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

    private static Object invoke(MethodHandle bound, Object request, CallContext context, CurrentCall current,
            Instance<RequestContextController> requestContexts) throws Exception {
        CallContext previous = current.enter(context);
        RequestContextController requestContext = requestContexts.get();
        boolean activated = requestContext.activate();
        try {
            return (Object) bound.invokeExact(request);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new UndeclaredThrowableException(t);
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
            requestContexts.destroy(requestContext);
            current.leave(previous);
        }
    }
}
