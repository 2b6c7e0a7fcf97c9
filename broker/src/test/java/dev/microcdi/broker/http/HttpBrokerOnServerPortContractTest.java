package dev.microcdi.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.Settings;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.broker.Subscription;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.registry.memory.MemoryRegistry;
import dev.microcdi.tck.broker.BrokerContract;
import dev.microcdi.transport.codec.JsonCodec;
import dev.microcdi.transport.server.MucpServer;
import dev.microcdi.transport.server.ServerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The HTTP broker receiving on the port of an RPC server, as it does in a process that serves: the broker
 * contract again, and the subscriber registration naming the server's address.
 */
class HttpBrokerOnServerPortContractTest extends BrokerContract {
    private final Registry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private final List<MucpServer> servers = new CopyOnWriteArrayList<>();

    @Override
    protected void afterBrokersClosed() {
        servers.forEach(MucpServer::close);
        registry.close();
    }

    @Override
    protected Broker createBroker() {
        MucpServer server = new MucpServer(ServerSettings.from(Settings.of(Map.of("micro.server.address",
                "127.0.0.1:0"))), new Codecs(List.of(new JsonCodec())));
        server.start();
        servers.add(server);
        HttpBroker broker = new HttpBroker(HttpBrokerOptions.from(Settings.empty()), registry);
        broker.receiveOn(server);
        return broker;
    }

    @Override
    protected void awaitSubscribers(Broker publisher, int expectedSubscribers) {
        await().atMost(propagation()).until(() -> registry.getService(HttpBroker.SERVICE).stream()
                .mapToLong(s -> s.nodes().stream().filter(n -> topic.equals(n.metadata().get("topic"))).count())
                .sum() == expectedSubscribers);
    }

    @Test
    void subscribersRegisterTheAddressOfTheServerTheyReceiveOn() {
        Broker broker = newBroker();
        try (Subscription ignored = broker.subscribe(topic, SubscribeOptions.DEFAULT, delivery -> { })) {
            List<String> addresses = registry.getService(HttpBroker.SERVICE).stream()
                    .flatMap(s -> s.nodes().stream()).filter(n -> topic.equals(n.metadata().get("topic")))
                    .map(Node::address).toList();
            assertThat(addresses).containsExactly(servers.get(servers.size() - 1).address());
        }
    }
}
