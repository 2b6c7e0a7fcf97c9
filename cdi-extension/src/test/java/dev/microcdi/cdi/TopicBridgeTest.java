package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.Topic;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.Publisher;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.stream.ConsumeOptions;
import dev.microcdi.api.stream.EventDelivery;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.PublishOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code @Topic} observers and publishers on the memory broker and stream, in Weld SE. */
class TopicBridgeTest {

    /** An order event. */
    public record Order(String id, int total) {
    }

    /** Observes the topics of the test. */
    @ApplicationScoped
    public static class Observers {
        final List<Order> orders = new CopyOnWriteArrayList<>();
        final List<Order> asyncOrders = new CopyOnWriteArrayList<>();
        final List<String> payments = new CopyOnWriteArrayList<>();
        final AtomicInteger paymentCalls = new AtomicInteger();

        List<Order> orders() {
            return orders;
        }

        List<Order> asyncOrders() {
            return asyncOrders;
        }

        List<String> payments() {
            return payments;
        }

        AtomicInteger paymentCalls() {
            return paymentCalls;
        }

        void onOrder(@Observes @Topic("orders") Order order) {
            orders.add(order);
        }

        void onOrderAsync(@ObservesAsync @Topic("orders") Order order) {
            asyncOrders.add(order);
        }

        void onPayment(@Observes @Topic(value = "payments", stream = true, queue = "billing", retryLimit = 1)
                Order order) {
            if (paymentCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("first delivery fails in a test");
            }
            payments.add(order.id());
        }
    }

    /** Publishes on the topics of the test. */
    @ApplicationScoped
    public static class Publishers {
        @Inject
        @Topic("orders")
        Publisher<Order> orders;

        @Inject
        @Topic(value = "payments", stream = true)
        Publisher<Order> payments;

        @Inject
        Event<Order> local;

        Publisher<Order> orders() {
            return orders;
        }

        Publisher<Order> payments() {
            return payments;
        }

        Event<Order> local() {
            return local;
        }
    }

    private static final class TopicLiteral extends AnnotationLiteral<Topic> implements Topic {
        private static final long serialVersionUID = 1L;
        private final String value;

        TopicLiteral(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }

        @Override
        public String queue() {
            return "";
        }

        @Override
        public boolean stream() {
            return false;
        }

        @Override
        public int retryLimit() {
            return 5;
        }

        @Override
        public String deadLetter() {
            return "";
        }
    }

    private WeldContainer container;

    @BeforeEach
    void boot() {
        container = new Weld().disableDiscovery().addExtension(new MicroExtension())
                .addBeanClasses(Observers.class, Publishers.class).initialize();
    }

    @AfterEach
    void shutdown() {
        container.close();
    }

    @Test
    void aPublishedEventReachesEachObserverOnceDecodedFromJson() throws Exception {
        Observers observers = container.select(Observers.class).get();
        Publishers publishers = container.select(Publishers.class).get();
        publishers.orders().publish(new Order("o-1", 42)).toCompletableFuture().join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> observers.orders().size() == 1
                && observers.asyncOrders().size() == 1);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(observers.orders()).containsExactly(new Order("o-1", 42));
        assertThat(observers.asyncOrders()).containsExactly(new Order("o-1", 42));
    }

    @Test
    void aLocalCdiEventDoesNotReachTopicObservers() throws Exception {
        Observers observers = container.select(Observers.class).get();
        Publishers publishers = container.select(Publishers.class).get();
        publishers.local().select(new TopicLiteral("orders")).fire(new Order("local", 1));
        publishers.local().fire(new Order("local", 2));
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(observers.orders()).isEmpty();
    }

    @Test
    void aFailingStreamObserverGetsTheEventAgainAndThenAcknowledgesIt() {
        Observers observers = container.select(Observers.class).get();
        Publishers publishers = container.select(Publishers.class).get();
        publishers.payments().publish(new Order("p-1", 7)).toCompletableFuture().join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> observers.payments().contains("p-1"));
        assertThat(observers.paymentCalls().get()).isEqualTo(2);
    }

    @Test
    void anUndecodableBrokerMessageGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        Observers observers = container.select(Observers.class).get();
        Broker broker = container.select(Broker.class).get();
        List<Message> dead = new CopyOnWriteArrayList<>();
        broker.subscribe("orders" + Topic.DEAD_LETTER_SUFFIX, SubscribeOptions.DEFAULT, d -> dead.add(d.message()));
        broker.publish("orders", new Message(Map.of("Content-Type", "application/json"),
                "not json".getBytes(StandardCharsets.UTF_8))).toCompletableFuture().join();
        container.select(Publishers.class).get().orders().publish(new Order("after", 1)).toCompletableFuture().join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> dead.size() == 1 && observers.orders().size() == 1);
        assertThat(dead.get(0).header()).containsKey(ConsumeOptions.REASON)
                .containsEntry(ConsumeOptions.ORIGINAL_TOPIC, "orders");
        assertThat(new String(dead.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(observers.orders()).extracting(Order::id).containsExactly("after");
    }

    @Test
    void anUndecodableStreamEventIsDeadLetteredAtOnceAndDoesNotBlockTheGroup() {
        Observers observers = container.select(Observers.class).get();
        EventStream stream = container.select(EventStream.class).get();
        List<EventDelivery> dead = new CopyOnWriteArrayList<>();
        stream.consume("payments" + Topic.DEAD_LETTER_SUFFIX, ConsumeOptions.group("inspect"), dead::add);
        stream.publish("payments", "{\"id\": [".getBytes(StandardCharsets.UTF_8), PublishOptions.DEFAULT)
                .toCompletableFuture().join();
        container.select(Publishers.class).get().payments().publish(new Order("p-2", 3)).toCompletableFuture().join();
        await().atMost(5, TimeUnit.SECONDS).until(() -> dead.size() == 1 && observers.payments().contains("p-2"));
        assertThat(dead.get(0).event().metadata()).containsKey(ConsumeOptions.REASON)
                .containsEntry(ConsumeOptions.ATTEMPTS, "1");
    }
}
