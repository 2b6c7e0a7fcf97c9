package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.MicroClient;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.MicroService;
import dev.microcdi.api.Providers;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two containers share one registry: one serves, one calls. Shutting the server's container down
 * deregisters its service, lets the call in flight finish, and then the caller finds no node.
 */
class LifecycleTest {

    /** The contract. */
    public interface Slow {
        /**
         * Answers once released.
         *
         * @param request anything
         * @return the request
         */
        String hold(String request);
    }

    /** Holds each call until the test releases it. */
    @ApplicationScoped
    @MicroService(name = "slow")
    public static class SlowService implements Slow {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        /**
         * Counted down when a held call has started.
         *
         * @return the latch
         */
        public CountDownLatch entered() {
            return entered;
        }

        /**
         * Releases held calls when counted down.
         *
         * @return the latch
         */
        public CountDownLatch release() {
            return release;
        }

        @Override
        public String hold(String request) {
            if (request.equals("wait")) {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "done:" + request;
        }
    }

    /** Calls {@code slow}. */
    @ApplicationScoped
    public static class SlowCaller {
        @Inject
        @MicroClient("slow")
        Slow slow;

        /**
         * The client proxy.
         *
         * @return the proxy
         */
        public Slow slow() {
            return slow;
        }
    }

    /** Makes the shared registry the application's own {@link Registry} bean. */
    public static class SharedRegistry implements Extension {
        private final Registry registry;

        SharedRegistry(Registry registry) {
            this.registry = registry;
        }

        void add(@Observes AfterBeanDiscovery event) {
            event.addBean().types(Registry.class, Object.class).beanClass(SharedRegistry.class)
                    .alternative(true).priority(100)
                    .scope(jakarta.inject.Singleton.class).createWith(cc -> registry);
        }
    }

    private final Registry shared = Providers.named(RegistryProvider.class, "memory",
            getClass().getClassLoader()).create(Settings.empty());
    private WeldContainer server;
    private WeldContainer client;

    @AfterEach
    void close() {
        if (client != null && client.isRunning()) {
            client.close();
        }
        if (server != null && server.isRunning()) {
            server.close();
        }
        shared.close();
    }

    private WeldContainer boot(String id, Class<?>... classes) {
        return new Weld(id).disableDiscovery().addExtension(new MicroExtension()).addBeanClasses(classes)
                .addExtension(new SharedRegistry(shared)).initialize();
    }

    @Test
    void shutdownDeregistersDrainsTheCallInFlightThenCallersFindNoNode() throws Exception {
        server = boot("server", SlowService.class);
        client = boot("client", SlowCaller.class);
        Slow slow = client.select(SlowCaller.class).get().slow();
        SlowService service = server.select(SlowService.class).get();

        assertThat(slow.hold("now")).isEqualTo("done:now");

        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> slow.hold("wait"));
        assertThat(service.entered().await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);

        await().atMost(Duration.ofSeconds(10)).until(() -> shared.getService("slow").isEmpty());
        assertThat(stopping).isNotDone();
        assertThat(inFlight).isNotDone();

        service.release().countDown();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("done:wait");
        stopping.get(20, TimeUnit.SECONDS);

        assertThatThrownBy(() -> slow.hold("after")).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(503));
    }
}
