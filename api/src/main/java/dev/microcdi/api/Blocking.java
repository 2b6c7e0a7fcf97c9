package dev.microcdi.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint method of a {@link MicroService} bean (or every endpoint method of a bean class or contract
 * interface) as one that may block the thread that calls it, so that the server calls it on a worker thread.
 *
 * <p>Only needed on a unary method that returns a {@code CompletionStage}: such a method is taken to be
 * non-blocking and is called on the connection's event loop unless it, its contract method, its bean class or
 * its contract interface (looked at in this order) carries {@code @Blocking}; every other endpoint method
 * runs on a worker already. Put it on a method that returns a stage but does blocking work (a JDBC query, a
 * blocking client call, a lock) before it returns. An element that carries both {@code @Blocking} and
 * {@link NonBlocking} is a deployment error. {@code micro.server.handler-threads} overrides both for the
 * whole server.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Blocking {
}
