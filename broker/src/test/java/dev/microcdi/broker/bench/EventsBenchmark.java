package dev.microcdi.broker.bench;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.stream.ConsumeOptions;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.Offset;
import dev.microcdi.api.stream.PublishOptions;
import dev.microcdi.broker.http.HttpBrokerProvider;
import dev.microcdi.broker.nats.NatsStreamProvider;
import dev.microcdi.registry.memory.MemoryRegistry;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A load generator, not a test: prints the HTTP broker's messages per second to one subscriber, and the JetStream
 * stream's consume+ack rate next to raw jnats consuming and acknowledging the same events with the same batch.
 * Run from the worktree root (NATS on 127.0.0.1:4222):
 * <pre>
 * mvn -B -o -q -pl broker -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * cd broker &amp;&amp; java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.microcdi.broker.bench.EventsBenchmark 50000 7
 * </pre>
 * Each round publishes two topics of N events, then consumes one with micro-cdi's stream and the other with
 * raw jnats (same batch, ack wait and max-ack-pending), alternating which goes first; round 1 is warm-up.
 */
public final class EventsBenchmark {
    private EventsBenchmark() {
    }

    /**
     * Runs the measurements.
     *
     * @param args the number of messages (default 50000) and of rounds (default 3)
     * @throws Exception when a measurement fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] body = new byte[128];
        double[] ratios = new double[rounds];
        double[] https = new double[rounds];
        for (int r = 1; r <= rounds; r++) {
            https[r - 1] = httpBroker(n, body);
            boolean rawFirst = r % 2 == 0;
            double ours;
            double raw;
            try (EventStream stream = new NatsStreamProvider().create(
                    Settings.of(Map.of("micro.stream.nats.max-age", "10m")))) {
                String forOurs = fill(stream, n, body);
                String forRaw = fill(stream, n, body);
                Thread.sleep(1000);
                if (rawFirst) {
                    raw = consume(stream, forRaw, n, true);
                    ours = consume(stream, forOurs, n, false);
                } else {
                    ours = consume(stream, forOurs, n, false);
                    raw = consume(stream, forRaw, n, true);
                }
            }
            ratios[r - 1] = ours / raw;
            System.out.printf("round %d: http broker %.0f msg/s to one subscriber | JetStream consume+ack: "
                    + "micro-cdi %.0f ev/s, raw jnats %.0f ev/s, ratio %.2f%n", r, https[r - 1], ours, raw,
                    ratios[r - 1]);
        }
        java.util.Arrays.sort(ratios);
        java.util.Arrays.sort(https);
        System.out.printf("median over %d rounds: http broker %.0f msg/s, JetStream micro-cdi/raw ratio %.2f%n",
                rounds, https[rounds / 2], ratios[rounds / 2]);
        System.exit(0);
    }

    private static double httpBroker(int n, byte[] body) throws Exception {
        try (MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1))) {
            HttpBrokerProvider provider = new HttpBrokerProvider();
            Broker subscriber = provider.create(Settings.empty(), registry);
            Broker publisher = provider.create(Settings.empty(), registry);
            subscriber.connect();
            publisher.connect();
            CountDownLatch received = new CountDownLatch(n);
            subscriber.subscribe("bench", SubscribeOptions.DEFAULT, d -> received.countDown());
            Message m = new Message(Map.of("Content-Type", "application/octet-stream"), body);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                while (!accepted(publisher.publish("bench", m).toCompletableFuture())) {
                    Thread.onSpinWait();
                }
            }
            if (!received.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (n - received.getCount()) + " of " + n + " arrived");
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            publisher.close();
            subscriber.close();
            return rate;
        }
    }

    /** True when the outbox took the message, false when it was full (503). */
    private static boolean accepted(CompletableFuture<Void> publish) {
        try {
            publish.join();
            return true;
        } catch (CompletionException e) {
            if (e.getCause() instanceof MicroException m && m.code() == MicroException.UNAVAILABLE) {
                return false;
            }
            throw e;
        }
    }

    /** Stores n events on a new topic and returns the topic. */
    private static String fill(EventStream stream, int n, byte[] body) {
        String topic = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<?>[] stored = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            stored[i] = stream.publish(topic, body, PublishOptions.DEFAULT).toCompletableFuture();
        }
        CompletableFuture.allOf(stored).join();
        return topic;
    }

    /** Consumes the n events of a topic with micro-cdi's stream or raw jnats; returns events per second. */
    private static double consume(EventStream stream, String topic, int n, boolean raw) throws Exception {
        CountDownLatch handled = new CountDownLatch(n);
        // The raw side connects before the clock starts; the stream's connection is already open.
        Connection nc = raw ? Nats.connect("nats://127.0.0.1:4222") : null;
        long start = System.nanoTime();
        if (raw) {
            rawConsume(nc, topic, handled);
        } else {
            stream.consume(topic, ConsumeOptions.builder().group("bench").offset(Offset.earliest()).build(),
                    d -> handled.countDown());
        }
        if (!handled.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + (n - handled.getCount()) + " of " + n + " consumed");
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Raw jnats: a durable pull consumer with the same settings as the stream's, acknowledging each message. */
    private static void rawConsume(Connection nc, String topic, CountDownLatch handled) throws Exception {
        String streamName = "micro-" + topic + "-" + Integer.toHexString(topic.hashCode());
        StreamContext sc = nc.getStreamContext(streamName);
        ConsumerContext cc = sc.createOrUpdateConsumer(ConsumerConfiguration.builder().durable("raw")
                .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofSeconds(30)).deliverPolicy(DeliverPolicy.All)
                .filterSubject(topic).maxAckPending(1024).build());
        MessageConsumer consumer = cc.consume(io.nats.client.ConsumeOptions.builder().batchSize(256).build(), msg -> {
            msg.ack();
            handled.countDown();
        });
        Thread closer = new Thread(() -> {
            try {
                handled.await();
                consumer.stop();
                nc.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.setDaemon(true);
        closer.start();
    }
}
