package dev.microcdi.tck.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/** A request-scoped bean that tells the {@link ScopeJournal} when it is destroyed. */
@RequestScoped
public class StreamBean {
    private final String id = UUID.randomUUID().toString();

    @Inject
    ScopeJournal journal;

    /**
     * This instance's id.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /** Journals the destruction of this instance. */
    @PreDestroy
    void destroyed() {
        journal.destroyed(id);
    }
}
