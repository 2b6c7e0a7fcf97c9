package dev.microcdi.transport.selector;

import dev.microcdi.api.Settings;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.api.selector.SelectorProvider;

/** Provides {@link RandomSelector} as {@code random}, the default selector. */
public final class RandomSelectorProvider implements SelectorProvider {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String description() {
        return "picks a node uniformly at random for each attempt";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Selector create(Settings settings) {
        return new RandomSelector();
    }
}
