package dev.microcdi.tck.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Endpoint;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import dev.microcdi.api.registry.Value;
import dev.microcdi.api.registry.Watcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The contract of {@link Registry}: every provider subclasses this class and supplies its registries through
 * the hooks. Changes are made on {@link #newRegistry()} and observed on {@link #newPeerRegistry()}, which sees
 * the same registrations (the same instance for an in-process registry, another responder for a networked
 * one); observations wait up to {@link #propagation()}.
 */
public abstract class RegistryContract {
    /** The registry changes are made on. */
    protected Registry registry;
    /** The registry changes are observed on; may be {@link #registry}. */
    protected Registry peer;
    private final String prefix = "svc" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * A new registry, closed after each test.
     *
     * @return the registry
     */
    protected abstract Registry newRegistry();

    /**
     * A registry that sees what {@link #registry} registers. The default is {@link #registry} itself.
     *
     * @return the peer, closed after each test when it is another instance
     */
    protected Registry newPeerRegistry() {
        return registry;
    }

    /**
     * How long a change may take to be seen on the peer.
     *
     * @return the bound, 5 s by default
     */
    protected Duration propagation() {
        return Duration.ofSeconds(5);
    }

    /**
     * Whether registrations expire when their TTL passes without renewal.
     *
     * @return true by default
     */
    protected boolean supportsTtl() {
        return true;
    }

    /**
     * Lets time pass for the registry. Registries on a fake clock advance it; the default does nothing, so
     * real time passes while the test waits.
     *
     * @param duration how much time passes
     */
    protected void elapse(Duration duration) {
    }

    /**
     * A service name unique to this test run, so that runs sharing a network do not see each other.
     *
     * @param base the readable part
     * @return the name
     */
    protected String serviceName(String base) {
        return prefix + "-" + base;
    }

    @BeforeEach
    void openRegistries() {
        registry = newRegistry();
        peer = newPeerRegistry();
    }

    @AfterEach
    void closeRegistries() {
        if (peer != null && peer != registry) {
            peer.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    private static Node node(String id, int port, Map<String, String> metadata) {
        return new Node(id, "127.0.0.1:" + port, metadata);
    }

    private Service service(String base, String version, Node... nodes) {
        return new Service(serviceName(base), version, Map.of("owner", "team-a"), List.of(new Endpoint(
                "Greeter.Hello", new Value("HelloRequest", "HelloRequest", List.of(new Value("name", "string", null))),
                new Value("HelloReply", "HelloReply", List.of(new Value("msg", "string", null))),
                Map.of("idempotent", "true"))), List.of(nodes));
    }

    private void awaitOnPeer(ThrowingConsumer<Registry> assertion) {
        await().atMost(propagation()).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertion.accept(peer));
    }

    private static List<Node> nodesOf(List<Service> services) {
        List<Node> out = new ArrayList<>();
        services.forEach(s -> out.addAll(s.nodes()));
        return out;
    }

    private static List<String> nodeIds(List<Service> services) {
        return nodesOf(services).stream().map(Node::id).toList();
    }

    @Test
    void aRegisteredServiceIsFoundWithItsNameVersionMetadataEndpointsAndAddress() {
        Service greeter = service("greeter", "1.2.0",
                node("greeter-1", 9001, Map.of("protocol", "mucp", "transport", "http", "version", "1.2.0")));

        registry.register(greeter, RegisterOptions.DEFAULT);

        awaitOnPeer(p -> assertThat(p.getService(greeter.name())).containsExactly(greeter));
        assertThat(registry.getService(greeter.name())).containsExactly(greeter);
    }

    @Test
    void nodesOfOneVersionAreGroupedAndEachVersionIsItsOwnEntry() {
        Service v1 = service("multi", "1.0.0", node("n1", 9001, Map.of()), node("n2", 9002, Map.of()));
        Service v2 = service("multi", "2.0.0", node("n3", 9003, Map.of("protocol", "mucp")));

        registry.register(v1, RegisterOptions.DEFAULT);
        registry.register(v2, RegisterOptions.DEFAULT);

        awaitOnPeer(p -> {
            List<Service> found = p.getService(v1.name());
            assertThat(found).hasSize(2);
            assertThat(found).filteredOn(s -> s.version().equals("1.0.0")).singleElement()
                    .satisfies(s -> assertThat(s.nodes()).containsExactlyInAnyOrderElementsOf(v1.nodes()));
            assertThat(found).filteredOn(s -> s.version().equals("2.0.0")).singleElement()
                    .satisfies(s -> assertThat(s.nodes()).containsExactlyElementsOf(v2.nodes()));
        });
    }

    @Test
    void registeringTwiceRenewsTheNodeInsteadOfAddingAnother() {
        Service once = service("renew", "1.0.0", node("r1", 9001, Map.of()));

        registry.register(once, RegisterOptions.DEFAULT);
        registry.register(once, RegisterOptions.DEFAULT);
        Service more = service("renew", "1.0.0", node("r2", 9002, Map.of()));
        registry.register(more, RegisterOptions.DEFAULT);

        awaitOnPeer(p -> assertThat(nodeIds(p.getService(once.name()))).containsExactlyInAnyOrder("r1", "r2"));
    }

    @Test
    void deregisterRemovesOnlyTheGivenNode() {
        Service both = service("dereg", "1.0.0", node("d1", 9001, Map.of()), node("d2", 9002, Map.of()));
        registry.register(both, RegisterOptions.DEFAULT);
        awaitOnPeer(p -> assertThat(nodeIds(p.getService(both.name()))).containsExactlyInAnyOrder("d1", "d2"));

        registry.deregister(service("dereg", "1.0.0", node("d1", 9001, Map.of())));

        awaitOnPeer(p -> assertThat(nodeIds(p.getService(both.name()))).containsExactly("d2"));
        registry.deregister(service("dereg", "1.0.0", node("d2", 9002, Map.of())));
        awaitOnPeer(p -> assertThat(p.getService(both.name())).isEmpty());
    }

    @Test
    void anUnknownServiceGivesAnEmptyList() {
        assertThat(peer.getService(serviceName("nobody"))).isEmpty();
        assertThat(registry.getService(serviceName("nobody"))).isEmpty();
    }

    @Test
    void listServicesNamesEveryRegisteredService() {
        registry.register(service("alpha", "1", node("a1", 9001, Map.of())), RegisterOptions.DEFAULT);
        registry.register(service("beta", "1", node("b1", 9002, Map.of())), RegisterOptions.DEFAULT);

        awaitOnPeer(p -> assertThat(p.listServices()).extracting(Service::name)
                .contains(serviceName("alpha"), serviceName("beta")));
    }

    @Test
    void aWatcherSeesCreateAndDeleteAndNothingAfterItIsClosed() {
        String name = serviceName("watched");
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        Watcher watcher = peer.watch(name, events::add);
        Node w1 = node("w1", 9001, Map.of("protocol", "mucp"));

        registry.register(service("watched", "1.0.0", w1), RegisterOptions.DEFAULT);
        await().atMost(propagation()).untilAsserted(() -> assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(Action.CREATE);
            assertThat(e.service().name()).isEqualTo(name);
            assertThat(e.service().nodes()).containsExactly(w1);
        }));

        registry.deregister(service("watched", "1.0.0", w1));
        await().atMost(propagation()).untilAsserted(() -> assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(Action.DELETE);
            assertThat(e.service().nodes()).extracting(Node::id).containsExactly("w1");
        }));

        watcher.close();
        watcher.close();
        int seen = events.size();
        List<RegistryEvent> later = new CopyOnWriteArrayList<>();
        try (Watcher witness = peer.watch(name, later::add)) {
            registry.register(service("watched", "1.0.0", node("w2", 9002, Map.of())), RegisterOptions.DEFAULT);
            await().atMost(propagation()).until(() -> !later.isEmpty());
        }
        assertThat(events).hasSize(seen);
    }

    @Test
    void aWatcherOfEveryServiceSeesEachOfThem() {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        try (Watcher all = peer.watch(null, events::add)) {
            registry.register(service("one", "1", node("o1", 9001, Map.of())), RegisterOptions.DEFAULT);
            registry.register(service("two", "1", node("t1", 9002, Map.of())), RegisterOptions.DEFAULT);

            await().atMost(propagation()).untilAsserted(() -> assertThat(events)
                    .filteredOn(e -> e.action() == Action.CREATE).extracting(e -> e.service().name())
                    .contains(serviceName("one"), serviceName("two")));
        }
    }

    @Test
    void aWatcherThatThrowsKeepsReceivingLaterEvents() {
        CountDownLatch twoCalls = new CountDownLatch(2);
        try (Watcher failing = peer.watch(serviceName("fragile"), e -> {
            twoCalls.countDown();
            throw new IllegalStateException("listener failure");
        })) {
            registry.register(service("fragile", "1", node("f1", 9001, Map.of())), RegisterOptions.DEFAULT);
            registry.register(service("fragile", "1", node("f2", 9002, Map.of())), RegisterOptions.DEFAULT);
            await().atMost(propagation()).until(() -> twoCalls.getCount() == 0);
        }
        assertThat(peer.getService(serviceName("fragile"))).isNotEmpty();
    }

    @Test
    void aRegistrationExpiresWhenItsTtlPassesWithoutRenewal() {
        if (!supportsTtl()) {
            assertThatRegistrationsOutliveTheirTtl();
            return;
        }
        String name = serviceName("ttl");
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        Node kept = node("kept", 9002, Map.of());
        try (Watcher watcher = peer.watch(name, events::add)) {
            registry.register(service("ttl", "1", node("short", 9001, Map.of())),
                    RegisterOptions.builder().ttl(Duration.ofSeconds(1)).build());
            registry.register(service("ttl", "1", kept), RegisterOptions.builder().ttl(Duration.ofHours(1)).build());
            awaitOnPeer(p -> assertThat(nodeIds(p.getService(name))).containsExactlyInAnyOrder("short", "kept"));

            elapse(Duration.ofSeconds(2));

            await().atMost(propagation().plusSeconds(2)).untilAsserted(() -> {
                assertThat(nodeIds(peer.getService(name))).containsExactly("kept");
                assertThat(events).anySatisfy(e -> {
                    assertThat(e.action()).isEqualTo(Action.DELETE);
                    assertThat(e.service().nodes()).extracting(Node::id).containsExactly("short");
                });
            });
        }
    }

    private void assertThatRegistrationsOutliveTheirTtl() {
        Service svc = service("ttl", "1", node("short", 9001, Map.of()));
        registry.register(svc, RegisterOptions.builder().ttl(Duration.ofSeconds(1)).build());
        elapse(Duration.ofSeconds(2));
        awaitOnPeer(p -> assertThat(nodeIds(p.getService(svc.name()))).containsExactly("short"));
    }

    @Test
    void badInputGetsABadRequestError() {
        Service noNodes = new Service(serviceName("empty"), "1", null, null, null);
        Service twice = service("dup", "1", node("same", 9001, Map.of()), node("same", 9002, Map.of()));

        assertBadRequest(() -> registry.register(null, RegisterOptions.DEFAULT));
        assertBadRequest(() -> registry.register(noNodes, RegisterOptions.DEFAULT));
        assertBadRequest(() -> registry.register(twice, RegisterOptions.DEFAULT));
        assertBadRequest(() -> registry.deregister(null));
        assertBadRequest(() -> registry.getService(null));
        assertBadRequest(() -> registry.getService(" "));
        assertBadRequest(() -> registry.watch("", e -> { }));
        assertThat(registry.getService(serviceName("after-bad-input"))).isEmpty();
    }

    private static void assertBadRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(MicroException.BAD_REQUEST));
    }

    @Test
    void concurrentRegistrationsAndDeregistrationsFromManyThreadsAllTakeEffect() throws Exception {
        int threads = 8;
        int perThread = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Service s = service("busy", "1", node("t" + thread + "-" + i, 10_000 + thread * 100 + i,
                                Map.of()));
                        registry.register(s, RegisterOptions.DEFAULT);
                        if (i % 2 == 1) {
                            registry.deregister(s);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i += 2) {
                expected.add("t" + t + "-" + i);
            }
        }
        awaitOnPeer(p -> assertThat(nodeIds(p.getService(serviceName("busy"))))
                .containsExactlyInAnyOrderElementsOf(expected));
    }
}
