package dev.microcdi.api;

import jakarta.inject.Qualifier;
import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies an observer of broker messages: {@code void onOrder(@Observes @Topic("orders") OrderPlaced e)}.
 * Each message published on the topic reaches every subscribing application once, or one member of each
 * queue group when {@link #queue()} is set.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Topic {

    /**
     * The topic name.
     *
     * @return the topic
     */
    String value();

    /**
     * The queue group: members of one group share the messages of the topic.
     *
     * @return the group, empty (every subscriber gets every message) by default
     */
    @Nonbinding
    String queue() default "";
}
