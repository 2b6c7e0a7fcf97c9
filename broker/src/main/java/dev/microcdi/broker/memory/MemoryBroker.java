package dev.microcdi.broker.memory;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.MessageHandler;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.broker.Subscription;
import dev.microcdi.broker.support.AtMostOnce;
import dev.microcdi.broker.support.Threads;
import dev.microcdi.broker.support.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The in-process broker: handlers run on a bounded pool of {@code workers} threads with a queue of
 * {@code queue} pending deliveries; a publish that would overflow the queue fails with 503. Each queue group
 * gets every message once, on a random member. Thread-safe.
 */
final class MemoryBroker implements Broker {
    static final String ID = "micro.broker.memory";

    private final int workers;
    private final int queue;
    private final int maxSize;
    private final Map<String, List<Sub>> subscriptions = new ConcurrentHashMap<>();
    private ThreadPoolExecutor pool;
    private boolean closed;

    MemoryBroker(int workers, int queue, int maxSize) {
        this.workers = workers;
        this.queue = queue;
        this.maxSize = maxSize;
    }

    private final class Sub implements Subscription {
        private final String topic;
        private final SubscribeOptions options;
        private final MessageHandler handler;
        private volatile boolean open = true;

        Sub(String topic, SubscribeOptions options, MessageHandler handler) {
            this.topic = topic;
            this.options = options;
            this.handler = handler;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public String queue() {
            return options.queue();
        }

        @Override
        public void close() {
            open = false;
            subscriptions.computeIfPresent(topic, (t, list) -> {
                list.remove(this);
                return list.isEmpty() ? null : list;
            });
        }

        void handle(Message message) {
            if (!open) {
                return;
            }
            AtMostOnce.handle(topic, message, handler);
        }
    }

    @Override
    public synchronized void connect() {
        if (closed) {
            throw MicroException.unavailable(ID, "the broker is closed");
        }
        if (pool == null) {
            pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(queue), Threads.daemon("micro-broker-memory"));
        }
    }

    private synchronized ThreadPoolExecutor pool() {
        if (closed || pool == null) {
            throw MicroException.unavailable(ID, closed ? "the broker is closed" : "the broker is not connected");
        }
        return pool;
    }

    @Override
    public CompletionStage<Void> publish(String topic, Message message) {
        try {
            Topics.check(ID, topic);
            if (message.bodySize() > maxSize) {
                throw new MicroException(ID, MicroException.TOO_LARGE, "message of " + message.bodySize()
                        + " bytes is over the limit of " + maxSize + " (micro.broker.memory.max-size)");
            }
            ThreadPoolExecutor p = pool();
            Map<String, String> header = new LinkedHashMap<>(message.header());
            header.put("Micro-Topic", topic);
            Message sent = new Message(header, message.body());
            for (Sub s : targets(topic)) {
                p.execute(() -> s.handle(sent));
            }
            return CompletableFuture.completedFuture(null);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(MicroException.unavailable(ID, "the delivery queue of %d messages "
                    + "is full (micro.broker.memory.queue); subscribers are slower than the publisher", queue));
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private List<Sub> targets(String topic) {
        List<Sub> all = subscriptions.getOrDefault(topic, List.of());
        List<Sub> out = new ArrayList<>();
        Map<String, List<Sub>> groups = new LinkedHashMap<>();
        for (Sub s : all) {
            if (s.queue().isEmpty()) {
                out.add(s);
            } else {
                groups.computeIfAbsent(s.queue(), q -> new ArrayList<>()).add(s);
            }
        }
        for (List<Sub> members : groups.values()) {
            out.add(members.get(ThreadLocalRandom.current().nextInt(members.size())));
        }
        return out;
    }

    @Override
    public Subscription subscribe(String topic, SubscribeOptions options, MessageHandler handler) {
        Topics.check(ID, topic);
        pool();
        Sub s = new Sub(topic, options, handler);
        subscriptions.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(s);
        return s;
    }

    @Override
    public void close() {
        ThreadPoolExecutor p;
        synchronized (this) {
            closed = true;
            p = pool;
        }
        subscriptions.values().forEach(list -> list.forEach(s -> s.open = false));
        subscriptions.clear();
        if (p != null) {
            p.shutdownNow();
        }
    }
}
