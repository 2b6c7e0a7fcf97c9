package dev.microcdi.broker.nats;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.stream.ConsumeOptions;
import dev.microcdi.api.stream.Event;
import dev.microcdi.api.stream.EventHandler;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.Offset;
import dev.microcdi.api.stream.PublishOptions;
import dev.microcdi.api.stream.StreamSubscription;
import dev.microcdi.broker.support.Stored;
import dev.microcdi.broker.support.StreamDelivery;
import dev.microcdi.broker.support.Timestamps;
import dev.microcdi.broker.support.Topics;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.MessageConsumer;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event streams on NATS JetStream. Each topic is a JetStream stream ({@code <prefix><topic>-<hash>}, file
 * storage, kept {@code max-age}) on the subject of the topic's name. Each consumer group is a durable pull
 * consumer named after the group, created with the first member's offset and ack wait; a fan-out consumer is
 * an ephemeral consumer deleted when it closes. The event id travels as {@code Nats-Msg-Id}, so that a
 * publication retried within the stream's duplicate window is stored once. {@code nack} with a delay is
 * JetStream's {@code NAK} with delay; the retry limit and dead letters follow {@link StreamDelivery}.
 * Thread-safe.
 */
final class JetStreamStream implements EventStream {
    private static final System.Logger LOG = System.getLogger(JetStreamStream.class.getName());
    static final String ID = "micro.stream.nats";
    private static final String EVENT_ID = "Nats-Msg-Id";
    private static final String TIMESTAMP = "Micro-Timestamp";
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int CONSUMER_NOT_FOUND = 10014;

    private final String prefix;
    private final Duration maxAge;
    private final Duration defaultAckWait;
    private final int batch;
    private final Connection connection;
    private final JetStream js;
    private final JetStreamManagement jsm;
    private final Map<String, String> streams = new ConcurrentHashMap<>();
    private final Map<Consumer, Boolean> consumers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    JetStreamStream(String url, String prefix, Duration maxAge, Duration defaultAckWait, int batch, Duration timeout) {
        this.prefix = prefix;
        this.maxAge = maxAge;
        this.defaultAckWait = defaultAckWait;
        this.batch = batch;
        this.connection = NatsConnections.connect(ID, url, "micro-cdi-stream", timeout);
        try {
            this.js = connection.jetStream();
            this.jsm = connection.jetStreamManagement();
        } catch (IOException e) {
            close();
            throw new MicroException(ID, MicroException.UNAVAILABLE, "JetStream is not enabled on " + url, e);
        }
    }

    /** The stream name of a topic: a safe name plus a hash, so that distinct topics never share a stream. */
    private String streamName(String topic) {
        return prefix + Topics.safeName(topic) + "-" + Integer.toHexString(topic.hashCode());
    }

    private String ensureStream(String topic) {
        return streams.computeIfAbsent(topic, t -> {
            String name = streamName(t);
            try {
                jsm.getStreamInfo(name);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                    throw unavailable("reading stream " + name, e);
                }
                try {
                    jsm.addStream(StreamConfiguration.builder().name(name).subjects(t).storageType(StorageType.File)
                            .maxAge(maxAge).build());
                } catch (IOException | JetStreamApiException addFailed) {
                    throw unavailable("creating stream " + name + " for topic " + t, addFailed);
                }
            } catch (IOException e) {
                throw unavailable("reading stream " + name, e);
            }
            return name;
        });
    }

    private static MicroException unavailable(String what, Exception e) {
        return new MicroException(ID, MicroException.UNAVAILABLE, "JetStream failed " + what + ": " + e, e);
    }

    @Override
    public CompletionStage<Event> publish(String topic, byte[] payload, PublishOptions options) {
        try {
            Topics.check(ID, topic);
            ensureOpen();
            if (payload.length > connection.getMaxPayload()) {
                throw new MicroException(ID, MicroException.TOO_LARGE, "payload of " + payload.length
                        + " bytes is over the NATS server's max_payload of " + connection.getMaxPayload());
            }
            ensureStream(topic);
            Event event = new Event(UUID.randomUUID().toString(), topic,
                    options.timestamp() == null ? Instant.now() : options.timestamp(), options.metadata(), payload);
            Headers headers = NatsConnections.headers(options.metadata());
            headers.put(EVENT_ID, event.id());
            headers.put(TIMESTAMP, Timestamps.format(event.timestamp()));
            return Stored.when(js.publishAsync(topic, headers, payload), event, ID, "JetStream");
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public StreamSubscription consume(String topic, ConsumeOptions options, EventHandler handler) {
        StreamDelivery.checkConsume(ID, topic, options);
        ensureOpen();
        String stream = ensureStream(topic);
        Duration ackWait = options.ackWait() == null ? defaultAckWait : options.ackWait();
        ConsumerConfiguration.Builder config = ConsumerConfiguration.builder().ackPolicy(AckPolicy.Explicit)
                .ackWait(ackWait).filterSubject(topic).maxAckPending(Math.max(1000L, batch * 4L));
        Offset offset = options.offset();
        if (offset instanceof Offset.Earliest) {
            config.deliverPolicy(DeliverPolicy.All);
        } else if (offset instanceof Offset.Latest) {
            config.deliverPolicy(DeliverPolicy.New);
        } else if (offset instanceof Offset.Time t) {
            config.deliverPolicy(DeliverPolicy.ByStartTime).startTime(t.from().atZone(ZoneOffset.UTC));
        } else if (offset instanceof Offset.Sequence s) {
            config.deliverPolicy(DeliverPolicy.ByStartSequence).startSequence(s.from());
        }
        boolean fanOut = options.group().isEmpty();
        if (fanOut) {
            config.inactiveThreshold(Duration.ofMinutes(5));
        } else {
            config.durable(Topics.safeName(options.group()));
        }
        try {
            StreamContext sc = connection.getStreamContext(stream);
            ConsumerContext cc = fanOut ? sc.createOrUpdateConsumer(config.build()) : group(sc, config);
            Consumer consumer = new Consumer(topic, options, handler, sc, fanOut);
            consumer.start(cc);
            consumers.put(consumer, Boolean.TRUE);
            return consumer;
        } catch (IOException | JetStreamApiException e) {
            throw unavailable("creating a consumer of " + topic, e);
        }
    }

    /** The durable consumer of a group: the existing one, so that the group resumes, or a new one. */
    private static ConsumerContext group(StreamContext sc, ConsumerConfiguration.Builder config)
            throws IOException, JetStreamApiException {
        ConsumerConfiguration c = config.build();
        try {
            return sc.getConsumerContext(c.getDurable());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != CONSUMER_NOT_FOUND) {
                throw e;
            }
            return sc.createOrUpdateConsumer(c);
        }
    }

    private final class Consumer implements StreamSubscription {
        private final String topic;
        private final ConsumeOptions options;
        private final EventHandler handler;
        private final StreamContext streamContext;
        private final boolean fanOut;
        private volatile boolean open = true;
        private MessageConsumer running;

        Consumer(String topic, ConsumeOptions options, EventHandler handler, StreamContext streamContext,
                boolean fanOut) {
            this.topic = topic;
            this.options = options;
            this.handler = handler;
            this.streamContext = streamContext;
            this.fanOut = fanOut;
        }

        void start(ConsumerContext cc) throws IOException, JetStreamApiException {
            running = cc.consume(io.nats.client.ConsumeOptions.builder().batchSize(batch).build(), this::onMessage);
        }

        private void onMessage(io.nats.client.Message msg) {
            if (!open) {
                return;
            }
            Map<String, String> metadata = NatsConnections.map(msg.getHeaders());
            String id = metadata.remove(EVENT_ID);
            Instant timestamp = parseTime(metadata.remove(TIMESTAMP), msg);
            Event event = new Event(id == null ? topic + "-" + msg.metaData().streamSequence() : id, topic,
                    timestamp, metadata, msg.getData());
            int attempt = (int) Math.min(Integer.MAX_VALUE, msg.metaData().deliveredCount());
            StreamDelivery.deliver(event, attempt, options, new StreamDelivery.Settler() {
                @Override
                public void ack() {
                    msg.ack();
                }

                @Override
                public void nack(Duration delay) {
                    if (delay.isZero()) {
                        msg.nak();
                    } else {
                        msg.nakWithDelay(delay);
                    }
                }
            }, JetStreamStream.this, handler);
        }

        private Instant parseTime(String text, io.nats.client.Message msg) {
            Instant t = Timestamps.parse(text);
            if (t == null) {
                LOG.log(Level.DEBUG, "Event on {0} has no valid {1} header: {2}", topic, TIMESTAMP, text);
                return msg.metaData().timestamp().toInstant();
            }
            return t;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public String group() {
            return options.group();
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            consumers.remove(this);
            String name = running.getConsumerName();
            try {
                running.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "Closing the consumer of " + topic + " failed", e);
            }
            if (fanOut && !closed) {
                try {
                    streamContext.deleteConsumer(name);
                } catch (IOException | JetStreamApiException e) {
                    LOG.log(Level.DEBUG, "Deleting fan-out consumer " + name + " failed; the server removes it "
                            + "when inactive", e);
                }
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw MicroException.unavailable(ID, "the stream is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        List.copyOf(consumers.keySet()).forEach(Consumer::close);
        closed = true;
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
