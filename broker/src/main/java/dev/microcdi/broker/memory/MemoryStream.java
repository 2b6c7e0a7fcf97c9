package dev.microcdi.broker.memory;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.stream.ConsumeOptions;
import dev.microcdi.api.stream.Event;
import dev.microcdi.api.stream.EventHandler;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.Offset;
import dev.microcdi.api.stream.PublishOptions;
import dev.microcdi.api.stream.StreamSubscription;
import dev.microcdi.broker.support.StreamDelivery;
import dev.microcdi.broker.support.Threads;
import dev.microcdi.broker.support.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The in-process event stream. Each topic keeps its last {@code maxEvents} events; each group keeps its
 * position and its unsettled deliveries, so it resumes where it left off while this stream lives. Each consumer
 * handles its deliveries one at a time on its own thread; a timer delivers again what was refused (after the
 * delay) or left unsettled (after {@code ackWait}). Thread-safe: the state is guarded by this object's lock.
 */
final class MemoryStream implements EventStream {
    static final String ID = "micro.stream.memory";
    private static final long TICK_MILLIS = 50;

    private record Stored(Event event, Instant storedAt) {
    }

    private static final class TopicLog {
        private final List<Stored> events = new ArrayList<>();
        private final Map<String, Group> groups = new HashMap<>();
        private long base;

        long end() {
            return base + events.size();
        }

        Stored get(long index) {
            return events.get((int) (index - base));
        }
    }

    private static final class Pending {
        private final long index;
        private int attempts;
        private boolean inFlight;
        private long dueNanos;

        Pending(long index) {
            this.index = index;
        }
    }

    private static final class Group {
        private final String name;
        private final boolean fanOut;
        private final Map<Long, Pending> pending = new LinkedHashMap<>();
        private final List<Member> members = new ArrayList<>();
        private long next;
        private int rotation;

        Group(String name, boolean fanOut, long next) {
            this.name = name;
            this.fanOut = fanOut;
            this.next = next;
        }
    }

    private final int maxEvents;
    private final int maxSize;
    private final Duration defaultAckWait;
    private final Map<String, TopicLog> topics = new HashMap<>();
    private final ScheduledExecutorService timer;
    private boolean closed;

    MemoryStream(int maxEvents, int maxSize, Duration defaultAckWait) {
        this.maxEvents = maxEvents;
        this.maxSize = maxSize;
        this.defaultAckWait = defaultAckWait;
        this.timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("micro-stream-memory-timer"));
        timer.scheduleWithFixedDelay(this::expire, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private final class Member implements StreamSubscription {
        private final String topic;
        private final TopicLog log;
        private final Group group;
        private final ConsumeOptions options;
        private final EventHandler handler;
        private final Duration ackWait;
        private final ExecutorService executor = Executors.newSingleThreadExecutor(
                Threads.daemon("micro-stream-memory-consumer"));
        private boolean busy;
        private boolean open = true;

        Member(String topic, TopicLog log, Group group, ConsumeOptions options, EventHandler handler) {
            this.topic = topic;
            this.log = log;
            this.group = group;
            this.options = options;
            this.handler = handler;
            this.ackWait = options.ackWait() == null ? defaultAckWait : options.ackWait();
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public String group() {
            return group.fanOut ? "" : group.name;
        }

        @Override
        public void close() {
            synchronized (MemoryStream.this) {
                if (!open) {
                    return;
                }
                open = false;
                group.members.remove(this);
                if (group.fanOut && group.members.isEmpty()) {
                    log.groups.remove(group.name);
                }
            }
            executor.shutdown();
        }

        void run(Event event, Pending p, int attempt) {
            StreamDelivery.deliver(event, attempt, options, new StreamDelivery.Settler() {
                @Override
                public void ack() {
                    synchronized (MemoryStream.this) {
                        if (p.attempts == attempt && p.inFlight) {
                            group.pending.remove(p.index);
                        }
                    }
                }

                @Override
                public void nack(Duration delay) {
                    synchronized (MemoryStream.this) {
                        if (p.attempts == attempt && p.inFlight) {
                            p.inFlight = false;
                            p.dueNanos = System.nanoTime() + delay.toNanos();
                        }
                    }
                    if (!delay.isZero()) {
                        timer.schedule(() -> pump(log, group), delay.toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
            }, MemoryStream.this, handler);
            synchronized (MemoryStream.this) {
                busy = false;
                pump(log, group);
            }
        }
    }

    @Override
    public CompletionStage<Event> publish(String topic, byte[] payload, PublishOptions options) {
        try {
            Topics.check(ID, topic);
            if (payload.length > maxSize) {
                throw new MicroException(ID, MicroException.TOO_LARGE, "payload of " + payload.length
                        + " bytes is over the limit of " + maxSize + " (micro.stream.memory.max-size)");
            }
            Instant now = Instant.now();
            Event event = new Event(UUID.randomUUID().toString(), topic,
                    options.timestamp() == null ? now : options.timestamp(), options.metadata(), payload);
            synchronized (this) {
                ensureOpen();
                TopicLog log = topics.computeIfAbsent(topic, t -> new TopicLog());
                log.events.add(new Stored(event, now));
                if (log.events.size() > maxEvents) {
                    log.events.remove(0);
                    log.base++;
                }
                for (Group g : log.groups.values()) {
                    pump(log, g);
                }
            }
            return CompletableFuture.completedFuture(event);
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public StreamSubscription consume(String topic, ConsumeOptions options, EventHandler handler) {
        StreamDelivery.checkConsume(ID, topic, options);
        synchronized (this) {
            ensureOpen();
            TopicLog log = topics.computeIfAbsent(topic, t -> new TopicLog());
            boolean fanOut = options.group().isEmpty();
            String name = fanOut ? "fan-out-" + UUID.randomUUID() : options.group();
            Group group = log.groups.computeIfAbsent(name, n -> new Group(n, fanOut, start(log, options.offset())));
            Member m = new Member(topic, log, group, options, handler);
            group.members.add(m);
            pump(log, group);
            return m;
        }
    }

    private static long start(TopicLog log, Offset offset) {
        if (offset instanceof Offset.Earliest) {
            return log.base;
        }
        if (offset instanceof Offset.Sequence s) {
            return Math.min(Math.max(log.base, s.from() - 1), log.end());
        }
        if (offset instanceof Offset.Time t) {
            for (long i = log.base; i < log.end(); i++) {
                if (!log.get(i).storedAt().isBefore(t.from())) {
                    return i;
                }
            }
        }
        return log.end();
    }

    /** Hands deliverable events to idle members; called with the lock held. */
    private synchronized void pump(TopicLog log, Group group) {
        if (closed) {
            return;
        }
        int n = group.members.size();
        for (int i = 0; i < n; i++) {
            Member m = group.members.get((group.rotation + i) % n);
            if (m.busy || !m.open) {
                continue;
            }
            Pending p = nextFor(log, group);
            if (p == null) {
                return;
            }
            group.rotation = (group.rotation + i + 1) % n;
            p.attempts++;
            p.inFlight = true;
            p.dueNanos = System.nanoTime() + m.ackWait.toNanos();
            m.busy = true;
            Event event = log.get(p.index).event();
            int attempt = p.attempts;
            m.executor.execute(() -> m.run(event, p, attempt));
        }
    }

    private static Pending nextFor(TopicLog log, Group group) {
        long now = System.nanoTime();
        var it = group.pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.index < log.base) {
                it.remove();
            } else if (!p.inFlight && p.dueNanos - now <= 0) {
                return p;
            }
        }
        group.next = Math.max(group.next, log.base);
        if (group.next < log.end()) {
            Pending p = new Pending(group.next++);
            group.pending.put(p.index, p);
            return p;
        }
        return null;
    }

    private synchronized void expire() {
        long now = System.nanoTime();
        for (TopicLog log : topics.values()) {
            for (Group g : log.groups.values()) {
                boolean due = false;
                for (Pending p : g.pending.values()) {
                    if (p.inFlight && p.dueNanos - now <= 0) {
                        p.inFlight = false;
                        p.dueNanos = now;
                    }
                    due |= !p.inFlight && p.dueNanos - now <= 0;
                }
                if (due) {
                    pump(log, g);
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
        List<Member> members = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            topics.values().forEach(l -> l.groups.values().forEach(g -> members.addAll(g.members)));
        }
        members.forEach(m -> m.executor.shutdownNow());
        timer.shutdownNow();
    }
}
