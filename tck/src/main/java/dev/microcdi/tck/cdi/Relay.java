package dev.microcdi.tck.cdi;

import java.util.Map;

/** A second service that reports the metadata of the calls it gets. */
public interface Relay {

    /**
     * Reports the request metadata.
     *
     * @param count ignored
     * @return the metadata the call carried
     */
    Map<String, String> metadata(Ticker.Count count);
}
