package dev.microcdi.broker.support;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.stream.ConsumeOptions;
import dev.microcdi.api.stream.Event;
import dev.microcdi.api.stream.EventDelivery;
import dev.microcdi.api.stream.EventHandler;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.PublishOptions;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The settlement rules every stream shares, on top of a backend's own ack and nack: the first settlement
 * counts; a refusal on the last allowed attempt, a {@link #reject(String)}, or a delivery past the retry limit
 * (its previous attempt was never settled) publishes the event on the dead-letter topic with
 * {@link ConsumeOptions#ORIGINAL_TOPIC}, {@link ConsumeOptions#ATTEMPTS} and {@link ConsumeOptions#REASON}, then
 * acknowledges it. When the dead-letter publication fails, the event is refused so that it comes back.
 */
public final class StreamDelivery implements EventDelivery {
    private static final System.Logger LOG = System.getLogger(StreamDelivery.class.getName());
    private static final long DEAD_LETTER_TIMEOUT_SECONDS = 10;

    /** What a backend does to settle one delivery. */
    public interface Settler {
        /** Acknowledges the delivery in the backend. */
        void ack();

        /**
         * Asks the backend to deliver the event again.
         *
         * @param delay how long to wait first
         */
        void nack(Duration delay);
    }

    private final Event event;
    private final int attempt;
    private final ConsumeOptions options;
    private final Settler settler;
    private final EventStream deadLetters;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile String lastFailure = "refused by the consumer";

    private StreamDelivery(Event event, int attempt, ConsumeOptions options, Settler settler,
            EventStream deadLetters) {
        this.event = event;
        this.attempt = attempt;
        this.options = options;
        this.settler = settler;
        this.deadLetters = deadLetters;
    }

    /**
     * Delivers an event to a handler under the shared rules: a delivery past the retry limit goes to the
     * dead-letter topic without calling the handler; with auto-ack, a normal return acknowledges and an
     * exception refuses. Never throws: handler failures are logged.
     *
     * @param event the event
     * @param attempt which delivery this is, from 1
     * @param options the consumer's options
     * @param settler the backend's settlement
     * @param deadLetters the stream that dead letters are published on
     * @param handler the consumer's handler
     */
    public static void deliver(Event event, int attempt, ConsumeOptions options, Settler settler,
            EventStream deadLetters, EventHandler handler) {
        StreamDelivery d = new StreamDelivery(event, attempt, options, settler, deadLetters);
        try {
            if (options.retryLimit() >= 0 && attempt > options.retryLimit() + 1) {
                if (d.settled.compareAndSet(false, true)) {
                    d.deadLetter(attempt - 1, "not settled within ackWait after " + (attempt - 1) + " deliveries");
                }
                return;
            }
            try {
                handler.handle(d);
                if (options.autoAck()) {
                    d.ack();
                }
            } catch (Exception e) {
                d.lastFailure = e.toString();
                LOG.log(Level.WARNING, "Handler of topic {0} failed on event {1} (attempt {2}): {3}",
                        event.topic(), event.id(), attempt, e.toString());
                if (options.autoAck()) {
                    d.nack();
                }
            }
        } catch (RuntimeException settleFailure) {
            LOG.log(Level.WARNING, "Settling event " + event.id() + " of topic " + event.topic()
                    + " failed; it will be delivered again", settleFailure);
        }
    }

    @Override
    public Event event() {
        return event;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public void ack() {
        if (settled.compareAndSet(false, true)) {
            settler.ack();
        }
    }

    @Override
    public void nack() {
        nack(options.redeliveryDelay());
    }

    @Override
    public void nack(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (settled.compareAndSet(false, true)) {
            if (options.retryLimit() >= 0 && attempt >= options.retryLimit() + 1) {
                deadLetter(attempt, lastFailure);
            } else {
                settler.nack(delay);
            }
        }
    }

    @Override
    public void reject(String reason) {
        if (settled.compareAndSet(false, true)) {
            deadLetter(attempt, reason == null || reason.isBlank() ? "rejected by the consumer" : reason);
        }
    }

    private void deadLetter(int attempts, String reason) {
        if (options.deadLetterTopic().isEmpty()) {
            LOG.log(Level.WARNING, "Dropping event {0} of topic {1} after {2} attempts (no dead-letter topic): {3}",
                    event.id(), event.topic(), attempts, reason);
            settler.ack();
            return;
        }
        Map<String, String> metadata = new HashMap<>(event.metadata());
        metadata.put(ConsumeOptions.ORIGINAL_TOPIC, event.topic());
        metadata.put(ConsumeOptions.ATTEMPTS, Integer.toString(attempts));
        metadata.put(ConsumeOptions.REASON, reason);
        try {
            deadLetters.publish(options.deadLetterTopic(), event.payload(),
                    PublishOptions.builder().metadata(metadata).timestamp(event.timestamp()).build())
                    .toCompletableFuture().get(DEAD_LETTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            settler.nack(options.redeliveryDelay());
            return;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Publishing event " + event.id() + " on dead-letter topic "
                    + options.deadLetterTopic() + " failed; it will be delivered again", e);
            settler.nack(options.redeliveryDelay());
            return;
        }
        settler.ack();
    }

    /**
     * Checks options every stream refuses alike.
     *
     * @param id the error id
     * @param topic the consumed topic
     * @param options the options
     * @throws MicroException 400 when the topic is invalid or the dead-letter topic is the topic itself
     */
    public static void checkConsume(String id, String topic, ConsumeOptions options) {
        Topics.check(id, topic);
        if (!options.deadLetterTopic().isEmpty()) {
            Topics.check(id, options.deadLetterTopic());
            if (options.deadLetterTopic().equals(topic)) {
                throw MicroException.badRequest(id, "the dead-letter topic of '%s' is the topic itself", topic);
            }
        }
    }
}
