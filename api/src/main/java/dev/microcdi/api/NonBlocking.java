package dev.microcdi.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint method of a {@link MicroService} bean (or every endpoint method of a bean class or contract
 * interface) as one that never blocks the thread that calls it, so that the server may call it on the
 * connection's event loop and save a thread hand-off per call.
 *
 * <p>A unary method that returns a {@code CompletionStage} is non-blocking without it; use it on a synchronous
 * method that only computes its answer, or on a streaming method whose publisher never blocks in
 * {@code request(n)} or {@code subscribe}. A method marked so that blocks anyway stalls every call of its
 * connection while it blocks. The method, its contract method, its bean class and its contract interface are
 * looked at in this order and the first {@link Blocking} or {@code NonBlocking} found decides; an element that
 * carries both is a deployment error. {@code micro.server.handler-threads} overrides both for the whole
 * server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NonBlocking {
}
