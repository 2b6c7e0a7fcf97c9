package dev.microcdi.broker.nats;

import dev.microcdi.api.broker.Broker;
import dev.microcdi.tck.broker.BrokerContract;
import dev.microcdi.tck.support.Backends;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The core NATS broker runs the broker contract against the NATS server on 127.0.0.1:4222. */
class NatsBrokerContractTest extends BrokerContract {

    @BeforeEach
    void requireNats() {
        Backends.require("NATS", 4222);
    }

    @Override
    protected Broker createBroker() {
        return new NatsBroker("nats://127.0.0.1:4222", Duration.ofSeconds(5));
    }
}
