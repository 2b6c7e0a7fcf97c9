package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean that calls {@code watch-tck} through an injected client proxy. */
@ApplicationScoped
public class WatcherCaller {

    @Inject
    @MicroClient("watch-tck")
    Watcher watcher;

    /**
     * The injected proxy.
     *
     * @return the proxy
     */
    public Watcher watcher() {
        return watcher;
    }
}
