package dev.microcdi.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a CDI bean class as the implementation of a micro service. The bean must implement at least one
 * interface (its contract); every method of the contract interfaces becomes an endpoint named
 * {@code Interface.Method} with the method name capitalised, as Go Micro names them ({@code Greeter.Hello}).
 *
 * <p>An endpoint method takes exactly one parameter, the request, and returns the response or a
 * {@link java.util.concurrent.CompletionStage} of it. The extension registers the service with the registry
 * after the container has started and deregisters it on shutdown. Two beans with one service name, a bean
 * without a contract interface, or an endpoint of another shape fail the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MicroService {

    /**
     * The service name other services call it by, e.g. {@code greeter}.
     *
     * @return the name; must not be blank
     */
    String name();

    /**
     * The version registered for every node of this service.
     *
     * @return the version, {@code latest} by default as in Go Micro
     */
    String version() default "latest";

    /**
     * Extra registry metadata, each entry {@code key=value}.
     *
     * @return the entries, none by default
     */
    String[] metadata() default {};
}
