package dev.microcdi.cdi;

import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.Handler;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns the endpoint methods of a service bean into {@link Handler}s. Each handler is a method handle bound
 * to the bean's contextual reference, made once at start-up: a call does no reflection.
 */
final class ServiceHandlers {
    private ServiceHandlers() {
    }

    static EndpointDefinition definition(EndpointMethod endpoint, Object reference) {
        MethodHandle bound = handle(endpoint).bindTo(reference)
                .asType(MethodType.methodType(Object.class, Object.class));
        Handler handler = endpoint.async() ? (request, context) -> (CompletionStage<?>) invoke(bound, request)
                : (request, context) -> CompletableFuture.completedFuture(invoke(bound, request));
        return new EndpointDefinition(endpoint.endpoint(), endpoint.requestType(), endpoint.responseType(),
                endpoint.idempotent(), handler);
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
