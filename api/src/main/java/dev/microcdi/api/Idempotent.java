package dev.microcdi.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a contract method (or every method of a contract interface) as safe to run more than once. The client
 * retries a call to an idempotent endpoint on another node even after the request was written, when the
 * connection fails or the node answers 503; other calls are retried only when the request never left.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {
}
