package dev.microcdi.broker.nats;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.MessageHandler;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.broker.Subscription;
import dev.microcdi.broker.support.AtMostOnce;
import dev.microcdi.broker.support.Topics;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Core NATS pub/sub: a topic is a subject, a queue group a NATS queue group; headers travel as NATS headers.
 * At most once, as core NATS is. Each subscription has its own dispatcher thread. Thread-safe.
 */
final class NatsBroker implements Broker {
    static final String ID = "micro.broker.nats";

    private final String url;
    private final Duration timeout;
    private volatile Connection connection;
    private volatile boolean closed;

    NatsBroker(String url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    @Override
    public synchronized void connect() {
        if (closed) {
            throw MicroException.unavailable(ID, "the broker is closed");
        }
        if (connection == null) {
            connection = NatsConnections.connect(ID, url, "micro-cdi-broker", timeout);
        }
    }

    private Connection connection() {
        Connection c = connection;
        if (closed || c == null) {
            throw MicroException.unavailable(ID, closed ? "the broker is closed" : "the broker is not connected");
        }
        return c;
    }

    @Override
    public CompletionStage<Void> publish(String topic, Message message) {
        try {
            Topics.check(ID, topic);
            Connection c = connection();
            if (message.bodySize() > c.getMaxPayload()) {
                throw new MicroException(ID, MicroException.TOO_LARGE, "message of " + message.bodySize()
                        + " bytes is over the NATS server's max_payload of " + c.getMaxPayload());
            }
            Map<String, String> header = new LinkedHashMap<>(message.header());
            header.put("Micro-Topic", topic);
            c.publish(topic, NatsConnections.headers(header), message.body());
            return CompletableFuture.completedFuture(null);
        } catch (MicroException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(new MicroException(ID, MicroException.UNAVAILABLE,
                    "NATS connection is not usable: " + e.getMessage(), e));
        }
    }

    @Override
    public Subscription subscribe(String topic, SubscribeOptions options, MessageHandler handler) {
        Topics.check(ID, topic);
        Connection c = connection();
        Dispatcher dispatcher = c.createDispatcher();
        io.nats.client.MessageHandler onMessage = msg -> {
            Message m = new Message(NatsConnections.map(msg.getHeaders()), msg.getData());
            AtMostOnce.handle(topic, m, handler);
        };
        if (options.queue().isEmpty()) {
            dispatcher.subscribe(topic, onMessage);
        } else {
            dispatcher.subscribe(topic, options.queue(), onMessage);
        }
        try {
            c.flush(timeout);
        } catch (TimeoutException e) {
            c.closeDispatcher(dispatcher);
            throw new MicroException(ID, MicroException.UNAVAILABLE, "NATS did not confirm the subscription to "
                    + topic + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.closeDispatcher(dispatcher);
            throw MicroException.unavailable(ID, "interrupted while subscribing to %s", topic);
        }
        return new Subscription() {
            private boolean open = true;

            @Override
            public String topic() {
                return topic;
            }

            @Override
            public String queue() {
                return options.queue();
            }

            @Override
            public synchronized void close() {
                if (open) {
                    open = false;
                    if (!closed) {
                        c.closeDispatcher(dispatcher);
                    }
                }
            }
        };
    }

    @Override
    public void close() {
        Connection c;
        synchronized (this) {
            closed = true;
            c = connection;
        }
        if (c != null) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
