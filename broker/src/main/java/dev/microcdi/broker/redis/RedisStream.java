package dev.microcdi.broker.redis;

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
import dev.microcdi.broker.support.Threads;
import dev.microcdi.broker.support.Timestamps;
import dev.microcdi.broker.support.Topics;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * Event streams on Redis Streams. A topic is the stream key {@code <prefix><topic>} (trimmed to about
 * {@code max-len} entries); a consumer group is a Redis consumer group, each member a Redis consumer with its
 * own connection and thread. New entries are read with {@code XREADGROUP}; entries left pending longer than
 * {@code ackWait} (their consumer died, hung or did not settle) are taken over with {@code XAUTOCLAIM}, which
 * counts the delivery; a refused entry is taken back with {@code XCLAIM} once its delay has passed. The attempt
 * number is Redis' delivery count. Acknowledgement is {@code XACK}. A fan-out consumer is a group of its own,
 * destroyed when it closes. Sequence offsets are not supported (501). Thread-safe.
 */
final class RedisStream implements EventStream {
    private static final System.Logger LOG = System.getLogger(RedisStream.class.getName());
    static final String ID = "micro.stream.redis";
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final String F_ID = "id";
    private static final String F_TIME = "ts";
    private static final String F_PAYLOAD = "payload";
    private static final String F_META = "m:";
    private static final String MAX_SEQUENCE = "18446744073709551615";

    private final String prefix;
    private final long maxLen;
    private final int maxSize;
    private final int batch;
    private final Duration defaultAckWait;
    private final Duration block;
    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> shared;
    private final Map<Member, Boolean> members = new ConcurrentHashMap<>();
    private volatile boolean closed;

    RedisStream(String uri, String prefix, long maxLen, int maxSize, int batch, Duration defaultAckWait,
            Duration block) {
        this.prefix = prefix;
        this.maxLen = maxLen;
        this.maxSize = maxSize;
        this.batch = batch;
        this.defaultAckWait = defaultAckWait;
        this.block = block;
        this.client = RedisClient.create(uri);
        try {
            this.shared = client.connect(CODEC);
        } catch (RedisException e) {
            client.shutdown(0, 1, TimeUnit.SECONDS);
            throw new MicroException(ID, MicroException.UNAVAILABLE, "cannot connect to Redis at " + uri + ": " + e,
                    e);
        }
    }

    private String key(String topic) {
        return prefix + topic;
    }

    @Override
    public CompletionStage<Event> publish(String topic, byte[] payload, PublishOptions options) {
        try {
            Topics.check(ID, topic);
            ensureOpen();
            if (payload.length > maxSize) {
                throw new MicroException(ID, MicroException.TOO_LARGE, "payload of " + payload.length
                        + " bytes is over the limit of " + maxSize + " (micro.stream.redis.max-size)");
            }
            Event event = new Event(UUID.randomUUID().toString(), topic,
                    options.timestamp() == null ? Instant.now() : options.timestamp(), options.metadata(), payload);
            Map<String, byte[]> fields = new LinkedHashMap<>();
            fields.put(F_ID, event.id().getBytes(StandardCharsets.UTF_8));
            fields.put(F_TIME, Timestamps.format(event.timestamp()).getBytes(StandardCharsets.UTF_8));
            event.metadata().forEach((k, v) -> fields.put(F_META + k, v.getBytes(StandardCharsets.UTF_8)));
            fields.put(F_PAYLOAD, payload);
            return Stored.when(shared.async().xadd(key(topic), new XAddArgs().maxlen(maxLen).approximateTrimming(),
                    fields), event, ID, "Redis");
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public StreamSubscription consume(String topic, ConsumeOptions options, EventHandler handler) {
        StreamDelivery.checkConsume(ID, topic, options);
        ensureOpen();
        String start;
        Offset offset = options.offset();
        if (offset instanceof Offset.Sequence) {
            throw new MicroException(ID, MicroException.NOT_IMPLEMENTED,
                    "Redis Streams have no sequence numbers; start at earliest, latest or a time");
        } else if (offset instanceof Offset.Earliest) {
            start = "0";
        } else if (offset instanceof Offset.Time t) {
            long ms = t.from().toEpochMilli();
            start = ms <= 0 ? "0" : (ms - 1) + "-" + MAX_SEQUENCE;
        } else {
            start = "$";
        }
        boolean fanOut = options.group().isEmpty();
        String group = fanOut ? "fan-out-" + UUID.randomUUID() : options.group();
        try {
            shared.sync().xgroupCreate(XReadArgs.StreamOffset.from(key(topic), start), group,
                    XGroupCreateArgs.Builder.mkstream());
        } catch (RedisBusyException exists) {
            LOG.log(Level.DEBUG, "Group {0} of {1} exists; resuming it", group, topic);
        } catch (RedisException e) {
            throw new MicroException(ID, MicroException.UNAVAILABLE, "cannot create group " + group + " on "
                    + topic + ": " + e, e);
        }
        Member m = new Member(topic, group, fanOut, options, handler);
        members.put(m, Boolean.TRUE);
        m.thread.start();
        return m;
    }

    private static final class Redelivery implements Delayed {
        private final String entryId;
        private final long dueNanos;

        Redelivery(String entryId, Duration delay) {
            this.entryId = entryId;
            this.dueNanos = System.nanoTime() + delay.toNanos();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    private final class Member implements StreamSubscription {
        private final String topic;
        private final String key;
        private final String group;
        private final boolean fanOut;
        private final ConsumeOptions options;
        private final EventHandler handler;
        private final Consumer<String> consumer;
        private final Duration ackWait;
        private final long reclaimEveryNanos;
        private final DelayQueue<Redelivery> redeliveries = new DelayQueue<>();
        private final Thread thread;
        private volatile boolean open = true;

        Member(String topic, String group, boolean fanOut, ConsumeOptions options, EventHandler handler) {
            this.topic = topic;
            this.key = key(topic);
            this.group = group;
            this.fanOut = fanOut;
            this.options = options;
            this.handler = handler;
            this.consumer = Consumer.from(group, "c-" + UUID.randomUUID());
            this.ackWait = options.ackWait() == null ? defaultAckWait : options.ackWait();
            this.reclaimEveryNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(100),
                    Math.min(ackWait.toNanos() / 4, TimeUnit.SECONDS.toNanos(5)));
            this.thread = Threads.daemon("micro-stream-redis-" + Topics.safeName(topic)).newThread(this::run);
        }

        private void run() {
            long nextReclaim = System.nanoTime();
            try (StatefulRedisConnection<String, byte[]> own = client.connect(CODEC)) {
                while (open && !closed) {
                    try {
                        if (System.nanoTime() - nextReclaim >= 0) {
                            reclaim(own);
                            nextReclaim = System.nanoTime() + reclaimEveryNanos;
                        }
                        redeliverDue(own);
                        List<StreamMessage<String, byte[]>> fresh = readNew(own);
                        for (StreamMessage<String, byte[]> m : fresh) {
                            if (!open) {
                                return;
                            }
                            handle(m, 1);
                        }
                    } catch (RedisException e) {
                        if (open && !closed) {
                            LOG.log(Level.WARNING, "Consumer of {0} in group {1} failed to read from Redis; retrying "
                                    + "in 1 s: {2}", topic, group, e.toString());
                            sleep(Duration.ofSeconds(1));
                        }
                    }
                }
            } catch (RedisException e) {
                LOG.log(Level.WARNING, "Consumer of " + topic + " in group " + group + " cannot connect to Redis", e);
            }
        }

        // Lettuce's xreadgroup takes generic varargs; one offset makes the array safe.
        @SuppressWarnings("unchecked")
        private List<StreamMessage<String, byte[]>> readNew(StatefulRedisConnection<String, byte[]> own) {
            return own.sync().xreadgroup(consumer, XReadArgs.Builder.block(block).count(batch),
                    XReadArgs.StreamOffset.lastConsumed(key));
        }

        private void reclaim(StatefulRedisConnection<String, byte[]> own) {
            String cursor = "0-0";
            do {
                ClaimedMessages<String, byte[]> claimed = own.sync().xautoclaim(key,
                        XAutoClaimArgs.Builder.xautoclaim(consumer, ackWait, cursor).count(batch));
                handleClaimed(own, claimed.getMessages());
                cursor = claimed.getId();
            } while (open && !"0-0".equals(cursor));
        }

        private void redeliverDue(StatefulRedisConnection<String, byte[]> own) {
            Redelivery due;
            while (open && (due = redeliveries.poll()) != null) {
                handleClaimed(own, own.sync().xclaim(key, consumer, 0, due.entryId));
            }
        }

        private void handleClaimed(StatefulRedisConnection<String, byte[]> own,
                List<StreamMessage<String, byte[]>> claimed) {
            for (StreamMessage<String, byte[]> m : claimed) {
                if (!open) {
                    return;
                }
                if (m.getBody() == null || m.getBody().isEmpty()) {
                    own.sync().xack(key, group, m.getId());
                    continue;
                }
                List<PendingMessage> pending = own.sync().xpending(key, group, Range.create(m.getId(), m.getId()),
                        Limit.from(1));
                int attempt = pending.isEmpty() ? 1 : (int) Math.min(Integer.MAX_VALUE,
                        pending.get(0).getRedeliveryCount());
                handle(m, attempt);
            }
        }

        private void handle(StreamMessage<String, byte[]> m, int attempt) {
            Event event = decode(m);
            String entryId = m.getId();
            StreamDelivery.deliver(event, attempt, options, new StreamDelivery.Settler() {
                @Override
                public void ack() {
                    shared.async().xack(key, group, entryId).whenComplete((n, failure) -> {
                        if (failure != null) {
                            LOG.log(Level.WARNING, "XACK of {0} on {1} failed; it will be delivered again: {2}",
                                    entryId, topic, failure.toString());
                        }
                    });
                }

                @Override
                public void nack(Duration delay) {
                    redeliveries.add(new Redelivery(entryId, delay));
                }
            }, RedisStream.this, handler);
        }

        private Event decode(StreamMessage<String, byte[]> m) {
            Map<String, byte[]> body = m.getBody();
            Map<String, String> metadata = new HashMap<>();
            body.forEach((k, v) -> {
                if (k.startsWith(F_META)) {
                    metadata.put(k.substring(F_META.length()), new String(v, StandardCharsets.UTF_8));
                }
            });
            byte[] id = body.get(F_ID);
            return new Event(id == null ? m.getId() : new String(id, StandardCharsets.UTF_8), topic, time(m),
                    metadata, body.get(F_PAYLOAD));
        }

        private Instant time(StreamMessage<String, byte[]> m) {
            byte[] ts = m.getBody().get(F_TIME);
            Instant t = ts == null ? null : Timestamps.parse(new String(ts, StandardCharsets.UTF_8));
            if (t == null) {
                LOG.log(Level.DEBUG, "Entry {0} of {1} has no valid time; using the entry id", m.getId(), topic);
                return Instant.ofEpochMilli(Long.parseLong(m.getId().substring(0, m.getId().indexOf('-'))));
            }
            return t;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public String group() {
            return fanOut ? "" : group;
        }

        @Override
        public void close() {
            if (!open) {
                return;
            }
            open = false;
            members.remove(this);
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(block.toMillis() + 2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (fanOut && !closed) {
                try {
                    shared.sync().xgroupDestroy(key, group);
                } catch (RedisException e) {
                    LOG.log(Level.DEBUG, "Destroying fan-out group " + group + " failed", e);
                }
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        List.copyOf(members.keySet()).forEach(Member::close);
        closed = true;
        shared.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
