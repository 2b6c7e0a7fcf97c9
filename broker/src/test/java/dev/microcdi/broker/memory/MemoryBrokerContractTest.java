package dev.microcdi.broker.memory;

import dev.microcdi.api.broker.Broker;
import dev.microcdi.tck.broker.BrokerContract;

/** The memory broker runs the broker contract; the brokers of one test are one in-process broker. */
class MemoryBrokerContractTest extends BrokerContract {
    private Broker shared;

    @Override
    protected Broker createBroker() {
        if (shared == null) {
            shared = new MemoryBroker(4, 1000, 1 << 20);
        }
        return shared;
    }
}
