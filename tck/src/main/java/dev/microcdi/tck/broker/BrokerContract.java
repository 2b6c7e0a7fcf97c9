package dev.microcdi.tck.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import static dev.microcdi.tck.support.Failures.microException;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.broker.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link dev.microcdi.api.broker.Broker}: every provider subclasses this class and supplies
 * connected brokers through the hooks. Subscriptions are made on {@link #newBroker()} instances that stand for
 * separate applications and messages are published on another one, so that a networked broker is tested
 * across its network path. Observations wait up to {@link #propagation()}.
 */
public abstract class BrokerContract {
    private final List<Broker> brokers = new ArrayList<>();
    /** A topic unique to the running test. */
    protected final String topic = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /**
     * A new broker of the provider under test, not yet connected; brokers made by one test instance reach each
     * other (they share the backend, the process or the registry). Closed after each test.
     *
     * @return the broker
     */
    protected abstract Broker createBroker();

    /**
     * How long a subscription or a message may take to reach the other brokers.
     *
     * @return the bound, 5 s by default
     */
    protected Duration propagation() {
        return Duration.ofSeconds(5);
    }

    /**
     * Waits until a new subscription is visible to publishers; brokers that discover subscribers through a
     * registry override it. The default does nothing.
     *
     * @param publisher the broker that will publish
     * @param expectedSubscribers how many subscriptions (or queue groups) must be visible
     */
    protected void awaitSubscribers(Broker publisher, int expectedSubscribers) {
    }

    /**
     * A connected broker, closed after the test.
     *
     * @return the broker
     */
    protected final Broker newBroker() {
        Broker b = createBroker();
        brokers.add(b);
        b.connect();
        return b;
    }

    @BeforeEach
    void resetBrokers() {
        brokers.clear();
    }

    @AfterEach
    void closeBrokers() {
        brokers.forEach(Broker::close);
        afterBrokersClosed();
    }

    /** Releases what the brokers shared (a registry, say), after every broker of the test is closed. */
    protected void afterBrokersClosed() {
    }

    private static Message text(String body, Map<String, String> header) {
        return new Message(header, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Message m) {
        return new String(m.body(), StandardCharsets.UTF_8);
    }

    private static void publish(Broker b, String topic, Message m) {
        b.publish(topic, m).toCompletableFuture().join();
    }

    @Test
    void everySubscriberWithoutAQueueGetsEveryMessage() {
        Broker a = newBroker();
        Broker b = newBroker();
        Broker publisher = newBroker();
        List<String> gotA = new CopyOnWriteArrayList<>();
        List<String> gotB = new CopyOnWriteArrayList<>();
        a.subscribe(topic, SubscribeOptions.DEFAULT, d -> gotA.add(text(d.message())));
        b.subscribe(topic, SubscribeOptions.DEFAULT, d -> gotB.add(text(d.message())));
        awaitSubscribers(publisher, 2);
        for (int i = 0; i < 5; i++) {
            publish(publisher, topic, text("m" + i, Map.of()));
        }
        await().atMost(propagation()).untilAsserted(() -> {
            assertThat(gotA).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
            assertThat(gotB).containsExactlyInAnyOrder("m0", "m1", "m2", "m3", "m4");
        });
    }

    @Test
    void headersAndBodyArriveUnchangedWithTheTopic() {
        Broker sub = newBroker();
        Broker publisher = newBroker();
        List<dev.microcdi.api.broker.Delivery> got = new CopyOnWriteArrayList<>();
        sub.subscribe(topic, SubscribeOptions.DEFAULT, got::add);
        awaitSubscribers(publisher, 1);
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        publish(publisher, topic, new Message(Map.of("Content-Type", "application/octet-stream", "X-Trace", "abc"),
                body));
        await().atMost(propagation()).until(() -> !got.isEmpty());
        assertThat(got.get(0).topic()).isEqualTo(topic);
        assertThat(got.get(0).message().body()).isEqualTo(body);
        assertThat(got.get(0).message().header()).containsEntry("Content-Type", "application/octet-stream")
                .containsEntry("X-Trace", "abc");
    }

    @Test
    void membersOfAQueueGroupShareTheMessagesEachMessageOnce() throws Exception {
        Broker a = newBroker();
        Broker b = newBroker();
        Broker publisher = newBroker();
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger onA = new AtomicInteger();
        AtomicInteger onB = new AtomicInteger();
        a.subscribe(topic, SubscribeOptions.queue("workers"), d -> {
            onA.incrementAndGet();
            seen.merge(text(d.message()), 1, Integer::sum);
        });
        b.subscribe(topic, SubscribeOptions.queue("workers"), d -> {
            onB.incrementAndGet();
            seen.merge(text(d.message()), 1, Integer::sum);
        });
        awaitSubscribers(publisher, 2);
        int n = 200;
        for (int i = 0; i < n; i++) {
            publish(publisher, topic, text("m" + i, Map.of()));
        }
        await().atMost(propagation()).until(() -> onA.get() + onB.get() >= n);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(onA.get() + onB.get()).isEqualTo(n);
        assertThat(seen).hasSize(n).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        assertThat(onA.get()).isPositive();
        assertThat(onB.get()).isPositive();
    }

    @Test
    void aQueueGroupAndABroadcastSubscriberBothGetTheMessage() {
        Broker q = newBroker();
        Broker all = newBroker();
        Broker publisher = newBroker();
        List<String> inGroup = new CopyOnWriteArrayList<>();
        List<String> broadcast = new CopyOnWriteArrayList<>();
        q.subscribe(topic, SubscribeOptions.queue("billing"), d -> inGroup.add(text(d.message())));
        all.subscribe(topic, SubscribeOptions.DEFAULT, d -> broadcast.add(text(d.message())));
        awaitSubscribers(publisher, 2);
        publish(publisher, topic, text("one", Map.of()));
        await().atMost(propagation()).untilAsserted(() -> {
            assertThat(inGroup).containsExactly("one");
            assertThat(broadcast).containsExactly("one");
        });
    }

    @Test
    void topicsAreIsolated() throws Exception {
        Broker sub = newBroker();
        Broker publisher = newBroker();
        List<String> got = new CopyOnWriteArrayList<>();
        sub.subscribe(topic, SubscribeOptions.DEFAULT, d -> got.add(text(d.message())));
        awaitSubscribers(publisher, 1);
        publish(publisher, topic + "-other", text("elsewhere", Map.of()));
        publish(publisher, topic, text("here", Map.of()));
        await().atMost(propagation()).until(() -> got.contains("here"));
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(got).containsExactly("here");
    }

    @Test
    void aFailingHandlerDoesNotEndTheSubscription() {
        Broker sub = newBroker();
        Broker publisher = newBroker();
        List<String> got = new CopyOnWriteArrayList<>();
        sub.subscribe(topic, SubscribeOptions.DEFAULT, d -> {
            got.add(text(d.message()));
            throw new IllegalStateException("handler failure in a test");
        });
        awaitSubscribers(publisher, 1);
        publish(publisher, topic, text("first", Map.of()));
        await().atMost(propagation()).until(() -> got.contains("first"));
        publish(publisher, topic, text("second", Map.of()));
        await().atMost(propagation()).until(() -> got.contains("second"));
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        Broker sub = newBroker();
        Broker publisher = newBroker();
        List<String> closedGot = new CopyOnWriteArrayList<>();
        List<String> openGot = new CopyOnWriteArrayList<>();
        Subscription closing = sub.subscribe(topic, SubscribeOptions.DEFAULT, d -> closedGot.add(text(d.message())));
        Broker other = newBroker();
        other.subscribe(topic, SubscribeOptions.DEFAULT, d -> openGot.add(text(d.message())));
        awaitSubscribers(publisher, 2);
        assertThat(closing.topic()).isEqualTo(topic);
        assertThat(closing.queue()).isEmpty();
        closing.close();
        closing.close();
        awaitSubscribers(publisher, 1);
        publish(publisher, topic, text("after", Map.of()));
        await().atMost(propagation()).until(() -> openGot.contains("after"));
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(closedGot).isEmpty();
    }

    @Test
    void aBlankTopicIsRejectedWith400() {
        Broker b = newBroker();
        assertThatThrownBy(() -> b.subscribe(" ", SubscribeOptions.DEFAULT, d -> { }))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> b.publish("", Message.of(new byte[1])).toCompletableFuture().join())
                .satisfies(e -> assertThat(microException(e).code()).isEqualTo(400));
    }

    @Test
    void aClosedBrokerFailsWith503() {
        Broker b = newBroker();
        b.close();
        b.close();
        assertThatThrownBy(() -> b.subscribe(topic, SubscribeOptions.DEFAULT, d -> { }))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(503));
        assertThatThrownBy(() -> b.publish(topic, Message.of(new byte[1])).toCompletableFuture().join())
                .satisfies(e -> assertThat(microException(e).code()).isEqualTo(503));
    }

    @Test
    void connectIsIdempotent() {
        Broker b = newBroker();
        b.connect();
        Set<String> got = ConcurrentHashMap.newKeySet();
        b.subscribe(topic, SubscribeOptions.DEFAULT, d -> got.add(text(d.message())));
        Broker publisher = newBroker();
        awaitSubscribers(publisher, 1);
        publish(publisher, topic, text("x", Map.of()));
        await().atMost(propagation()).until(() -> got.contains("x"));
    }
}
