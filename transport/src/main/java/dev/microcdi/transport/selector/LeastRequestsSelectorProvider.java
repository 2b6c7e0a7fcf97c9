package dev.microcdi.transport.selector;

import dev.microcdi.api.Settings;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.api.selector.SelectorProvider;

/** Provides {@link LeastRequestsSelector} as {@code least-requests}. */
public final class LeastRequestsSelectorProvider implements SelectorProvider {

    @Override
    public String name() {
        return "least-requests";
    }

    @Override
    public String description() {
        return "of two nodes drawn at random, picks the one with fewer attempts in flight";
    }

    @Override
    public Selector create(Settings settings) {
        return new LeastRequestsSelector();
    }
}
