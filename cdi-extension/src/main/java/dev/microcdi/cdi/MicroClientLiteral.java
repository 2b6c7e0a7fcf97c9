package dev.microcdi.cdi;

import dev.microcdi.api.MicroClient;
import jakarta.enterprise.util.AnnotationLiteral;

/** An instance of {@link MicroClient} for synthetic beans. */
final class MicroClientLiteral extends AnnotationLiteral<MicroClient> implements MicroClient {
    private static final long serialVersionUID = 1L;
    private final String value;

    MicroClientLiteral(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }
}
