package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A bean that calls {@code ticker-tck} through an injected client proxy. */
@ApplicationScoped
public class TickerCaller {

    @Inject
    @MicroClient("ticker-tck")
    Ticker ticker;

    /**
     * The injected proxy.
     *
     * @return the proxy
     */
    public Ticker ticker() {
        return ticker;
    }
}
