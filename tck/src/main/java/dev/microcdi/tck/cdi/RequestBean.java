package dev.microcdi.tck.cdi;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** A request-scoped bean: one id per request context. */
@RequestScoped
public class RequestBean {
    private final String id = UUID.randomUUID().toString();

    /**
     * This instance's id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }
}
