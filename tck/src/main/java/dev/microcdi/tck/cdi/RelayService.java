package dev.microcdi.tck.cdi;

import dev.microcdi.api.MicroService;
import dev.microcdi.api.server.CallContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** Serves {@link Relay} as {@code relay-tck}. */
@ApplicationScoped
@MicroService(name = "relay-tck")
public class RelayService implements Relay {

    @Inject
    CallContext call;

    @Override
    public Map<String, String> metadata(Ticker.Count count) {
        return Map.copyOf(call.metadata());
    }
}
