package dev.microcdi.broker.http;

import static org.awaitility.Awaitility.await;

import dev.microcdi.api.Settings;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.registry.memory.MemoryRegistry;
import dev.microcdi.tck.broker.BrokerContract;
import java.time.Duration;

/**
 * The HTTP broker runs the broker contract: each broker has its own listener on 127.0.0.1 and they find each
 * other through one memory registry, as applications do through mDNS.
 */
class HttpBrokerContractTest extends BrokerContract {
    private final Registry registry = new MemoryRegistry(Duration.ofSeconds(1));

    @Override
    protected void afterBrokersClosed() {
        registry.close();
    }

    @Override
    protected Broker createBroker() {
        return new HttpBroker(HttpBrokerOptions.from(Settings.empty()), registry);
    }

    @Override
    protected void awaitSubscribers(Broker publisher, int expectedSubscribers) {
        await().atMost(propagation()).until(() -> registry.getService(HttpBroker.SERVICE).stream()
                .mapToLong(s -> s.nodes().stream().filter(n -> topic.equals(n.metadata().get("topic"))).count())
                .sum() == expectedSubscribers);
    }
}
