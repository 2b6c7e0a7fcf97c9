package dev.microcdi.transport.selector;

import dev.microcdi.api.Settings;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.api.selector.SelectorProvider;

/** Provides {@link RoundRobinSelector} as {@code round-robin}. */
public final class RoundRobinSelectorProvider implements SelectorProvider {

    @Override
    public String name() {
        return "round-robin";
    }

    @Override
    public String description() {
        return "visits the nodes of each service in turn across calls";
    }

    @Override
    public Selector create(Settings settings) {
        return new RoundRobinSelector();
    }
}
