package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.Providers;
import dev.microcdi.api.Settings;
import dev.microcdi.api.Topic;
import dev.microcdi.api.broker.Publisher;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryProvider;
import dev.microcdi.tck.cdi.EchoService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In a process that serves, the HTTP broker receives on the RPC server's port: one port per process. */
class HttpBrokerOnServerPortTest {

    /** A note on the topic of the test. */
    public record Note(String text) {
    }

    /** Observes and publishes notes. */
    @ApplicationScoped
    public static class Notes {
        final List<Note> received = new CopyOnWriteArrayList<>();

        @Inject
        @Topic("notes-on-server-port")
        Publisher<Note> publisher;

        void publish(Note note) {
            publisher.publish(note);
        }

        List<Note> received() {
            return received;
        }

        void on(@Observes @Topic("notes-on-server-port") Note note) {
            received.add(note);
        }
    }

    private final Registry shared = Providers.named(RegistryProvider.class, "memory",
            getClass().getClassLoader()).create(Settings.empty());
    private WeldContainer container;

    @AfterEach
    void close() {
        if (container != null && container.isRunning()) {
            container.close();
        }
        System.clearProperty("micro.broker");
        shared.close();
    }

    @Test
    void subscribersRegisterTheServersAddressAndReceiveThroughIt() {
        System.setProperty("micro.broker", "http");
        container = new Weld("http-broker-port").disableDiscovery().addExtension(new MicroExtension())
                .addBeanClasses(EchoService.class, Notes.class)
                .addExtension(new LifecycleTest.SharedRegistry(shared)).initialize();

        String serverAddress = shared.getService("echo").get(0).nodes().get(0).address();
        List<String> subscriberAddresses = shared.getService("micro.http.broker").stream()
                .flatMap(s -> s.nodes().stream())
                .filter(n -> "notes-on-server-port".equals(n.metadata().get("topic"))).map(Node::address).toList();
        assertThat(subscriberAddresses).containsExactly(serverAddress);

        Notes notes = container.select(Notes.class).get();
        notes.publish(new Note("one port"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !notes.received().isEmpty());
        assertThat(notes.received()).containsExactly(new Note("one port"));
    }
}
