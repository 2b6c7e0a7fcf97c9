package dev.microcdi.transport.selector;

import dev.microcdi.api.selector.Selector;
import dev.microcdi.tck.selector.SelectorContract;

class RandomSelectorContractTest extends SelectorContract {

    @Override
    protected Selector newSelector() {
        return new RandomSelector();
    }
}
