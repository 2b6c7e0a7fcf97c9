package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean that calls {@code threads} through an injected client proxy. */
@ApplicationScoped
public class ThreadsCaller {

    @Inject
    @MicroClient("threads")
    Threads threads;

    /**
     * The injected proxy.
     *
     * @return the proxy
     */
    public Threads threads() {
        return threads;
    }
}
