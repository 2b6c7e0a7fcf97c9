package dev.microcdi.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import dev.microcdi.tck.registry.RegistryContract;
import dev.microcdi.tck.support.Backends;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The etcd registry against a real etcd on 127.0.0.1:2379 ({@code scripts/etcd.sh} starts one): the registry
 * contract, with a second client as the peer, plus lease expiry of a node whose process stops. Without etcd
 * the tests are skipped, except with {@code CI=true}, where they fail.
 */
class EtcdRegistryContractTest extends RegistryContract {

    @BeforeAll
    static void etcdIsRunning() {
        Backends.require("etcd", 2379);
    }

    @Override
    protected Registry newRegistry() {
        return new EtcdRegistry(EtcdOptions.DEFAULT);
    }

    @Override
    protected Registry newPeerRegistry() {
        return new EtcdRegistry(EtcdOptions.DEFAULT);
    }

    @Test
    void aNodeWhoseProcessStopsRenewingDisappearsWhenItsLeaseExpires() {
        String name = serviceName("crash");
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        Registry crashing = new EtcdRegistry(EtcdOptions.DEFAULT);
        Node node = new Node("crash-1", "127.0.0.1:9001", Map.of("protocol", "mucp"));
        try (Watcher w = peer.watch(name, events::add)) {
            long start = System.nanoTime();
            crashing.register(new Service(name, "1.0.0", Map.of(), List.of(), List.of(node)),
                    RegisterOptions.builder().ttl(Duration.ofSeconds(2)).build());
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> events.stream().anyMatch(e -> e.action() == Action.CREATE));
            long visible = System.nanoTime();
            crashing.close();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .untilAsserted(() -> assertThat(events).anySatisfy(e -> {
                        assertThat(e.action()).isEqualTo(Action.DELETE);
                        assertThat(e.service().nodes()).containsExactly(node);
                    }));
            System.out.printf("etcd: register -> CREATE on a peer %d ms; stop renewing a 2 s lease -> DELETE %d ms%n",
                    (visible - start) / 1_000_000, (System.nanoTime() - visible) / 1_000_000);
            assertThat(peer.getService(name)).isEmpty();
        }
    }

    @Test
    void anUnreachableEtcdGives503() {
        try (Registry nowhere = new EtcdRegistry(new EtcdOptions(List.of(java.net.URI.create("http://127.0.0.1:9")),
                "/micro/registry/", Duration.ofMillis(500), Duration.ofSeconds(1)))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> nowhere.getService(serviceName("x")))
                    .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(503));
        }
    }

    @Test
    void readsItsSettingsAndRejectsBadOnesWith400() {
        assertThat(EtcdOptions.from(Settings.empty())).isEqualTo(EtcdOptions.DEFAULT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EtcdOptions.from(Settings.of(Map.of(
                "micro.registry.etcd.endpoints", "127.0.0.1:2379"))))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EtcdOptions.from(Settings.of(Map.of(
                "micro.registry.etcd.prefix", "micro"))))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
