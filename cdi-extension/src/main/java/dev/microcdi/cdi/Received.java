package dev.microcdi.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Internal qualifier that the extension adds to every {@code @Topic} observer method, naming its subscription.
 * Messages received from the broker or stream are fired with it, so that they reach the observers of that
 * subscription only; a plain local {@code Event.fire} never carries it, so an observer is never notified twice
 * of one message. Applications do not use it.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Received {

    /**
     * The subscription: topic, mode, group and observed type.
     *
     * @return the subscription key
     */
    String value();

    /** An instance of {@link Received}. */
    final class Literal extends AnnotationLiteral<Received> implements Received {
        private static final long serialVersionUID = 1L;
        private final String value;

        /**
         * Creates an instance.
         *
         * @param value the subscription key
         */
        public Literal(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }
}
