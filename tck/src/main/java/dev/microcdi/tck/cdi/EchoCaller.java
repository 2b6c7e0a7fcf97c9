package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean that calls {@code echo} through an injected client proxy. */
@ApplicationScoped
public class EchoCaller {

    @Inject
    @MicroClient("echo")
    Echo echo;

    /**
     * The injected proxy.
     *
     * @return the proxy
     */
    public Echo echo() {
        return echo;
    }
}
