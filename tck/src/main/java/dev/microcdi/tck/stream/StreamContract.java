package dev.microcdi.tck.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import static dev.microcdi.tck.support.Failures.microException;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.stream.ConsumeOptions;
import dev.microcdi.api.stream.Event;
import dev.microcdi.api.stream.EventDelivery;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.Offset;
import dev.microcdi.api.stream.PublishOptions;
import dev.microcdi.api.stream.StreamSubscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EventStream}: every provider subclasses this class. The semantics every stream shares:
 * at-least-once delivery until acknowledged; one member of a group per event; a refused event delivered again
 * with its attempt number counted up; after the retry limit, the event published on the dead-letter topic with
 * {@link ConsumeOptions#ORIGINAL_TOPIC}, {@link ConsumeOptions#ATTEMPTS} and {@link ConsumeOptions#REASON}; an
 * unsettled delivery delivered again after {@code ackWait}; a group resuming where it left off. Each test uses
 * fresh topics.
 */
public abstract class StreamContract {
    private final List<EventStream> streams = new ArrayList<>();
    /** A topic unique to the running test. */
    protected final String topic = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /**
     * A new stream of the provider under test; streams made by one test instance share the backend (the same
     * instance for an in-process stream). Closed after each test.
     *
     * @return the stream
     */
    protected abstract EventStream createStream();

    /**
     * How long a delivery may take.
     *
     * @return the bound, 10 s by default
     */
    protected Duration propagation() {
        return Duration.ofSeconds(10);
    }

    /**
     * Whether the stream starts consumers at a sequence number ({@link Offset#sequence(long)}).
     *
     * @return true by default
     */
    protected boolean supportsSequenceOffset() {
        return true;
    }

    /**
     * A stream, closed after the test.
     *
     * @return the stream
     */
    protected final EventStream newStream() {
        EventStream s = createStream();
        streams.add(s);
        return s;
    }

    @BeforeEach
    void resetStreams() {
        streams.clear();
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(EventStream::close);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(EventDelivery d) {
        return new String(d.event().payload(), StandardCharsets.UTF_8);
    }

    private static Event publish(EventStream s, String topic, String payload) {
        return s.publish(topic, bytes(payload), PublishOptions.DEFAULT).toCompletableFuture().join();
    }

    @Test
    void aPublishedEventArrivesWithItsIdTimestampAndMetadata() {
        EventStream s = newStream();
        List<EventDelivery> got = new CopyOnWriteArrayList<>();
        s.consume(topic, ConsumeOptions.group("g"), got::add);
        Instant when = Instant.parse("2026-01-02T03:04:05Z");
        Event stored = s.publish(topic, bytes("hello"), PublishOptions.builder().metadata("k", "v").timestamp(when)
                .build()).toCompletableFuture().join();
        assertThat(stored.id()).isNotBlank();
        assertThat(stored.topic()).isEqualTo(topic);
        await().atMost(propagation()).until(() -> !got.isEmpty());
        Event e = got.get(0).event();
        assertThat(e.id()).isEqualTo(stored.id());
        assertThat(e.topic()).isEqualTo(topic);
        assertThat(e.timestamp()).isEqualTo(when);
        assertThat(e.metadata()).containsEntry("k", "v");
        assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(got.get(0).attempt()).isEqualTo(1);
    }

    @Test
    void membersOfAGroupShareTheEventsAndFanOutConsumersGetThemAll() throws Exception {
        EventStream s = newStream();
        Map<String, Integer> group = new ConcurrentHashMap<>();
        List<String> fanOut = new CopyOnWriteArrayList<>();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        s.consume(topic, ConsumeOptions.group("billing"), d -> {
            first.incrementAndGet();
            group.merge(text(d), 1, Integer::sum);
        });
        newStream().consume(topic, ConsumeOptions.group("billing"), d -> {
            second.incrementAndGet();
            group.merge(text(d), 1, Integer::sum);
        });
        s.consume(topic, ConsumeOptions.DEFAULT, d -> fanOut.add(text(d)));
        int n = 50;
        for (int i = 0; i < n; i++) {
            publish(s, topic, "e" + i);
        }
        await().atMost(propagation()).until(() -> group.size() == n && fanOut.size() == n);
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(first.get() + second.get()).isEqualTo(n);
        assertThat(group).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        assertThat(fanOut).hasSize(n).doesNotHaveDuplicates();
    }

    @Test
    void aRefusedEventIsDeliveredAgainWithTheNextAttemptNumber() {
        EventStream s = newStream();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        s.consume(topic, ConsumeOptions.group("g"), d -> {
            attempts.add(d.attempt());
            if (d.attempt() < 3) {
                throw new IllegalStateException("refused in a test");
            }
        });
        publish(s, topic, "retry me");
        await().atMost(propagation()).until(() -> attempts.size() >= 3);
        assertThat(attempts.subList(0, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void aManualNackWaitsForItsDelay() {
        EventStream s = newStream();
        List<Long> times = new CopyOnWriteArrayList<>();
        s.consume(topic, ConsumeOptions.builder().group("g").manualAck(Duration.ofSeconds(30))
                .build(), d -> {
                    times.add(System.nanoTime());
                    if (d.attempt() == 1) {
                        d.nack(Duration.ofMillis(800));
                    } else {
                        d.ack();
                    }
                });
        publish(s, topic, "later");
        await().atMost(propagation()).until(() -> times.size() >= 2);
        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void afterTheRetryLimitTheEventGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        EventStream s = newStream();
        String dead = topic + "-dlq";
        List<EventDelivery> deadLetters = new CopyOnWriteArrayList<>();
        s.consume(dead, ConsumeOptions.group("inspect"), deadLetters::add);
        AtomicInteger calls = new AtomicInteger();
        s.consume(topic, ConsumeOptions.builder().group("g").retryLimit(2).deadLetterTopic(dead).build(), d -> {
            calls.incrementAndGet();
            throw new IllegalStateException("always fails");
        });
        publish(s, topic, "poison");
        await().atMost(propagation()).until(() -> !deadLetters.isEmpty());
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(calls.get()).isEqualTo(3);
        Event e = deadLetters.get(0).event();
        assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("poison");
        assertThat(e.metadata()).containsEntry(ConsumeOptions.ORIGINAL_TOPIC, topic)
                .containsEntry(ConsumeOptions.ATTEMPTS, "3");
        assertThat(e.metadata().get(ConsumeOptions.REASON)).contains("always fails");
        assertThat(deadLetters).hasSize(1);
    }

    @Test
    void aRejectedEventGoesToTheDeadLetterTopicAtOnce() {
        EventStream s = newStream();
        String dead = topic + "-dlq";
        List<EventDelivery> deadLetters = new CopyOnWriteArrayList<>();
        s.consume(dead, ConsumeOptions.group("inspect"), deadLetters::add);
        AtomicInteger calls = new AtomicInteger();
        s.consume(topic, ConsumeOptions.builder().group("g").retryLimit(5).deadLetterTopic(dead).build(), d -> {
            calls.incrementAndGet();
            d.reject("cannot decode");
        });
        publish(s, topic, "garbage");
        publish(s, topic, "garbage2");
        await().atMost(propagation()).until(() -> deadLetters.size() == 2);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(deadLetters.get(0).event().metadata()).containsEntry(ConsumeOptions.REASON, "cannot decode")
                .containsEntry(ConsumeOptions.ATTEMPTS, "1");
    }

    @Test
    void anUnsettledDeliveryIsDeliveredAgainAfterAckWait() {
        EventStream s = newStream();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        s.consume(topic, ConsumeOptions.builder().group("g").manualAck(Duration.ofSeconds(1)).build(),
                d -> {
                    attempts.add(d.attempt());
                    if (d.attempt() > 1) {
                        d.ack();
                    }
                });
        publish(s, topic, "forgotten");
        await().atMost(propagation()).until(() -> attempts.size() >= 2);
        assertThat(attempts.subList(0, 2)).containsExactly(1, 2);
    }

    @Test
    void eventsLeftUnsettledByAClosedMemberGoToAnotherMemberOfTheGroup() {
        EventStream s = newStream();
        ConsumeOptions options = ConsumeOptions.builder().group("g").manualAck(Duration.ofSeconds(1))
                .build();
        List<String> dropped = new CopyOnWriteArrayList<>();
        StreamSubscription first = s.consume(topic, options, d -> dropped.add(text(d)));
        publish(s, topic, "handover");
        await().atMost(propagation()).until(() -> !dropped.isEmpty());
        first.close();
        List<String> taken = new CopyOnWriteArrayList<>();
        newStream().consume(topic, options, d -> {
            taken.add(text(d));
            d.ack();
        });
        await().atMost(propagation()).until(() -> taken.contains("handover"));
    }

    @Test
    void aGroupResumesWhereItLeftOff() throws Exception {
        EventStream s = newStream();
        List<String> before = new CopyOnWriteArrayList<>();
        StreamSubscription sub = s.consume(topic, ConsumeOptions.group("resume"), d -> before.add(text(d)));
        publish(s, topic, "a");
        publish(s, topic, "b");
        await().atMost(propagation()).until(() -> before.size() == 2);
        TimeUnit.MILLISECONDS.sleep(300);
        sub.close();
        publish(s, topic, "c");
        List<String> after = new CopyOnWriteArrayList<>();
        newStream().consume(topic, ConsumeOptions.builder().group("resume").offset(Offset.earliest()).build(),
                d -> after.add(text(d)));
        await().atMost(propagation()).until(() -> after.contains("c"));
        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(after).containsExactly("c");
    }

    @Test
    void offsetsChooseWhereANewConsumerStarts() throws Exception {
        EventStream s = newStream();
        publish(s, topic, "old");
        TimeUnit.MILLISECONDS.sleep(50);
        Instant middle = Instant.now();
        TimeUnit.MILLISECONDS.sleep(50);
        publish(s, topic, "newer");
        List<String> earliest = new CopyOnWriteArrayList<>();
        List<String> latest = new CopyOnWriteArrayList<>();
        List<String> fromTime = new CopyOnWriteArrayList<>();
        s.consume(topic, ConsumeOptions.builder().offset(Offset.earliest()).build(), d -> earliest.add(text(d)));
        s.consume(topic, ConsumeOptions.builder().offset(Offset.latest()).build(), d -> latest.add(text(d)));
        s.consume(topic, ConsumeOptions.builder().offset(Offset.at(middle.truncatedTo(ChronoUnit.MILLIS))).build(),
                d -> fromTime.add(text(d)));
        TimeUnit.MILLISECONDS.sleep(300);
        publish(s, topic, "newest");
        await().atMost(propagation()).until(() -> earliest.size() == 3 && latest.size() == 1
                && fromTime.size() == 2);
        assertThat(earliest).containsExactly("old", "newer", "newest");
        assertThat(latest).containsExactly("newest");
        assertThat(fromTime).containsExactly("newer", "newest");
    }

    @Test
    void aSequenceOffsetStartsAtThatEventOrIsRefusedWith501() {
        EventStream s = newStream();
        publish(s, topic, "one");
        publish(s, topic, "two");
        ConsumeOptions options = ConsumeOptions.builder().offset(Offset.sequence(2)).build();
        List<String> got = new CopyOnWriteArrayList<>();
        if (!supportsSequenceOffset()) {
            assertThatThrownBy(() -> s.consume(topic, options, d -> got.add(text(d))))
                    .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(501));
            return;
        }
        s.consume(topic, options, d -> got.add(text(d)));
        await().atMost(propagation()).until(() -> got.size() == 1);
        assertThat(got).containsExactly("two");
    }

    @Test
    void aClosedConsumerGetsNothingMore() throws Exception {
        EventStream s = newStream();
        List<String> got = new CopyOnWriteArrayList<>();
        StreamSubscription sub = s.consume(topic, ConsumeOptions.group("g"), d -> got.add(text(d)));
        assertThat(sub.topic()).isEqualTo(topic);
        assertThat(sub.group()).isEqualTo("g");
        sub.close();
        sub.close();
        publish(s, topic, "ignored");
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(got).isEmpty();
    }

    @Test
    void invalidTopicsAreRejectedWith400() {
        EventStream s = newStream();
        assertThatThrownBy(() -> s.consume(" ", ConsumeOptions.DEFAULT, d -> { }))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> s.consume(topic, ConsumeOptions.builder().deadLetterTopic(topic).build(), d -> { }))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> s.publish("", bytes("x"), PublishOptions.DEFAULT).toCompletableFuture().join())
                .satisfies(e -> assertThat(microException(e).code()).isEqualTo(400));
    }

    @Test
    void aClosedStreamFailsWith503() {
        EventStream s = newStream();
        s.close();
        s.close();
        assertThatThrownBy(() -> s.publish(topic, bytes("x"), PublishOptions.DEFAULT).toCompletableFuture().join())
                .satisfies(e -> assertThat(microException(e).code()).isEqualTo(503));
        assertThatThrownBy(() -> s.consume(topic, ConsumeOptions.DEFAULT, d -> { }))
                .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(503));
    }
}
