package dev.microcdi.registry.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Providers;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.RegistryProvider;
import dev.microcdi.api.registry.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryRegistryTest {
    private final AtomicLong nanos = new AtomicLong();

    private static Service svc(String node) {
        return new Service("greeter", "1", Map.of(), List.of(), List.of(new Node(node, "127.0.0.1:1", Map.of())));
    }

    @Test
    void renewingBeforeTheTtlKeepsTheNodeAndTellsWatchersOfAnUpdate() {
        try (MemoryRegistry registry = new MemoryRegistry(nanos::get, Duration.ofHours(1))) {
            List<RegistryEvent> events = new CopyOnWriteArrayList<>();
            registry.watch("greeter", events::add);
            RegisterOptions ttl = RegisterOptions.builder().ttl(Duration.ofSeconds(10)).build();
            registry.register(svc("a"), ttl);
            nanos.addAndGet(Duration.ofSeconds(8).toNanos());
            registry.register(svc("a"), ttl);
            nanos.addAndGet(Duration.ofSeconds(8).toNanos());

            assertThat(registry.getService("greeter")).singleElement()
                    .satisfies(s -> assertThat(s.nodes()).extracting(Node::id).containsExactly("a"));
            await().untilAsserted(() -> assertThat(events).extracting(RegistryEvent::action)
                    .containsExactly(Action.CREATE, Action.UPDATE));
        }
    }

    @Test
    void theSweepDropsExpiredNodesWithoutAnyCall() {
        try (MemoryRegistry registry = new MemoryRegistry(nanos::get, Duration.ofMillis(10))) {
            List<RegistryEvent> events = new CopyOnWriteArrayList<>();
            registry.watch(null, events::add);
            registry.register(svc("a"), RegisterOptions.builder().ttl(Duration.ofSeconds(1)).build());
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());

            await().untilAsserted(() -> assertThat(events).extracting(RegistryEvent::action)
                    .containsExactly(Action.CREATE, Action.DELETE));
        }
    }

    @Test
    void aClosedRegistryRefusesWorkWithUnavailable() {
        MemoryRegistry registry = new MemoryRegistry(nanos::get, Duration.ofSeconds(1));
        registry.close();
        registry.close();

        assertThatThrownBy(() -> registry.getService("greeter")).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(503));
    }

    @Test
    void theProviderIsFoundByNameAndDeclaresItsSettings() {
        RegistryProvider provider = Providers.named(RegistryProvider.class, "memory", getClass().getClassLoader());
        assertThat(provider.settings()).extracting(s -> s.key()).containsExactly("micro.registry.memory.sweep");
        try (Registry registry = provider.create(Settings.of(Map.of("micro.registry.memory.sweep", "100ms")))) {
            registry.register(svc("a"), RegisterOptions.DEFAULT);
            assertThat(registry.listServices()).extracting(Service::name).containsExactly("greeter");
        }
    }
}
