package dev.microcdi.registry.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Watcher;
import dev.microcdi.registry.memory.MemoryRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CachingRegistryTest {
    private final AtomicLong nanos = new AtomicLong();
    private final FlakyRegistry delegate = new FlakyRegistry(new MemoryRegistry(Duration.ofHours(1)));
    private final CachingRegistry cache = new CachingRegistry(delegate, CacheOptions.builder()
            .ttl(Duration.ofSeconds(60)).retryInterval(Duration.ofSeconds(5)).ticker(nanos::get).build());

    @AfterEach
    void close() {
        cache.close();
    }

    private static Service greeter(String... nodes) {
        return new Service("greeter", "1", Map.of(), List.of(),
                java.util.Arrays.stream(nodes).map(id -> new Node(id, "127.0.0.1:1", Map.of())).toList());
    }

    private static List<String> ids(List<Service> services) {
        return services.stream().flatMap(s -> s.nodes().stream()).map(Node::id).toList();
    }

    private void elapse(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void aCachedServiceIsServedAsTheSameListWithoutAskingTheRegistryAgain() {
        delegate.register(greeter("a"), RegisterOptions.DEFAULT);

        List<Service> first = cache.getService("greeter");
        List<Service> second = cache.getService("greeter");

        assertThat(second).isSameAs(first);
        assertThat(delegate.lookups.get()).isEqualTo(1);
    }

    @Test
    void watchEventsUpdateTheCacheWithoutPolling() {
        delegate.register(greeter("a"), RegisterOptions.DEFAULT);
        cache.getService("greeter");

        delegate.register(greeter("b"), RegisterOptions.DEFAULT);
        await().untilAsserted(() -> assertThat(ids(cache.getService("greeter"))).containsExactly("a", "b"));
        delegate.deregister(greeter("a"));
        await().untilAsserted(() -> assertThat(ids(cache.getService("greeter"))).containsExactly("b"));

        assertThat(delegate.lookups.get()).isEqualTo(1);
    }

    @Test
    void theLastGoodListIsServedWhileTheRegistryFailsAndRetriedAfterTheInterval() {
        delegate.register(greeter("a"), RegisterOptions.DEFAULT);
        List<Service> good = cache.getService("greeter");
        delegate.failing.set(true);
        elapse(Duration.ofSeconds(61));

        assertThat(cache.getService("greeter")).isSameAs(good);
        assertThat(cache.getService("greeter")).isSameAs(good);
        assertThat(delegate.lookups.get()).isEqualTo(2);

        elapse(Duration.ofSeconds(5));
        delegate.failing.set(false);
        delegate.register(greeter("b"), RegisterOptions.DEFAULT);
        assertThat(ids(cache.getService("greeter"))).containsExactly("a", "b");
        assertThat(delegate.lookups.get()).isEqualTo(3);
    }

    @Test
    void aServiceNeverReadGivesUnavailableWhenTheRegistryFails() {
        delegate.failing.set(true);

        assertThatThrownBy(() -> cache.getService("greeter")).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(MicroException.UNAVAILABLE));
    }

    @Test
    void anExpiredEntryIsReadAgain() {
        delegate.register(greeter("a"), RegisterOptions.DEFAULT);
        cache.getService("greeter");
        elapse(Duration.ofSeconds(61));

        cache.getService("greeter");

        assertThat(delegate.lookups.get()).isEqualTo(2);
    }

    @Test
    void anUnknownServiceIsNotCachedSoItIsFoundOnceRegistered() {
        assertThat(cache.getService("greeter")).isEmpty();
        delegate.register(greeter("a"), RegisterOptions.DEFAULT);

        assertThat(ids(cache.getService("greeter"))).containsExactly("a");
    }

    @Test
    void registerAndDeregisterGoToTheRegistryAndUpdateTheCache() {
        cache.register(greeter("a"), RegisterOptions.DEFAULT);
        assertThat(ids(cache.getService("greeter"))).containsExactly("a");
        cache.register(greeter("b"), RegisterOptions.DEFAULT);
        assertThat(ids(cache.getService("greeter"))).containsExactly("a", "b");

        cache.deregister(greeter("a"));

        assertThat(ids(cache.getService("greeter"))).containsExactly("b");
        assertThat(ids(delegate.getService("greeter"))).containsExactly("b");
    }

    @Test
    void listServicesFallsBackToTheCacheWhileTheRegistryFails() {
        delegate.register(greeter("a"), RegisterOptions.DEFAULT);
        cache.getService("greeter");
        delegate.failing.set(true);

        assertThat(cache.listServices()).extracting(Service::name).containsExactly("greeter");
    }

    @Test
    void closingTheCacheClosesTheRegistryUnlessTold() {
        MemoryRegistry owned = new MemoryRegistry(Duration.ofHours(1));
        new CachingRegistry(owned, Settings.empty()).close();
        assertThatThrownBy(owned::listServices).isInstanceOf(MicroException.class);

        MemoryRegistry shared = new MemoryRegistry(Duration.ofHours(1));
        new CachingRegistry(shared, CacheOptions.builder().closeDelegate(false).build()).close();
        assertThat(shared.listServices()).isEmpty();
        shared.close();
    }

    @Test
    void badSettingsAreRefusedWithTheKey() {
        assertThatThrownBy(() -> new CachingRegistry(delegate,
                Settings.of(Map.of("micro.registry.cache.ttl", "soon"))))
                .isInstanceOfSatisfying(MicroException.class,
                        e -> assertThat(e.detail()).contains("micro.registry.cache.ttl"));
    }

    /** A registry that counts lookups and fails them on demand. */
    private static final class FlakyRegistry implements Registry {
        private final Registry inner;
        private final AtomicBoolean failing = new AtomicBoolean();
        private final AtomicInteger lookups = new AtomicInteger();

        FlakyRegistry(Registry inner) {
            this.inner = inner;
        }

        @Override
        public void register(Service service, RegisterOptions options) {
            inner.register(service, options);
        }

        @Override
        public void deregister(Service service) {
            inner.deregister(service);
        }

        @Override
        public List<Service> getService(String name) {
            lookups.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("registry down");
            }
            return inner.getService(name);
        }

        @Override
        public List<Service> listServices() {
            if (failing.get()) {
                throw new IllegalStateException("registry down");
            }
            return inner.listServices();
        }

        @Override
        public Watcher watch(String service, Consumer<RegistryEvent> listener) {
            return inner.watch(service, listener);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
