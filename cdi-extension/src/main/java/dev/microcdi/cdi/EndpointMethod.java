package dev.microcdi.cdi;

import dev.microcdi.api.CallKind;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * One method of a contract interface and the endpoint it maps to.
 *
 * @param endpoint the endpoint name, {@code Interface.Method} with the method capitalised and a trailing
 *                 {@code Async} dropped
 * @param method the contract method
 * @param requestType the request type: the method's only parameter, or {@code T} of its
 *                    {@code Flow.Publisher<T>}
 * @param responseType the response type: the return type, or {@code T} of {@code CompletionStage<T>} or
 *                     {@code Flow.Publisher<T>}, or of {@code Reply<T>} in either place
 * @param async whether the method returns a {@code CompletionStage}
 * @param idempotent whether the method or its interface is marked {@code @Idempotent}
 * @param kind the endpoint's shape
 * @param reply whether the method returns its unary answer as a {@code Reply<T>} with the response metadata
 */
record EndpointMethod(String endpoint, Method method, Type requestType, Type responseType, boolean async,
        boolean idempotent, CallKind kind, boolean reply) {
}
