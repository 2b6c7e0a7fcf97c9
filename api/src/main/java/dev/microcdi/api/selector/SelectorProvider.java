package dev.microcdi.api.selector;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;

/**
 * Makes {@link Selector} instances; chosen by {@code micro.client.selector} (default {@code random}) or per
 * service by {@code micro.client."name".selector}.
 */
public interface SelectorProvider extends Provider {

    /**
     * Creates a selector.
     *
     * @param settings the configuration
     * @return a new selector
     */
    Selector create(Settings settings);
}
