package dev.microcdi.api;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies an injection point of a contract interface that calls a remote service:
 * {@code @Inject @MicroClient("greeter") Greeter greeter}. The injected proxy selects a node of the service
 * for each call, carries a deadline, and retries on another node as the client settings allow. Calls fail
 * with {@link MicroException}: 503 when no node is available, 408 when the deadline passes, and the
 * remote error otherwise.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface MicroClient {

    /**
     * The name of the service to call.
     *
     * @return the service name
     */
    String value();
}
