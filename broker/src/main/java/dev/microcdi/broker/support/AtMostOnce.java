package dev.microcdi.broker.support;

import dev.microcdi.api.broker.Delivery;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.MessageHandler;
import java.lang.System.Logger.Level;

/**
 * Hands a message to a handler for brokers that deliver at most once (memory, core NATS, HTTP): the delivery's
 * {@code ack} does nothing, and a handler failure is logged and does not end the subscription.
 */
public final class AtMostOnce {
    private static final System.Logger LOG = System.getLogger(AtMostOnce.class.getName());

    private AtMostOnce() {
    }

    /**
     * Calls the handler; never throws.
     *
     * @param topic the topic
     * @param message the message
     * @param handler the subscription's handler
     * @return true when the handler returned normally
     */
    public static boolean handle(String topic, Message message, MessageHandler handler) {
        try {
            handler.handle(new Delivery() {
                @Override
                public String topic() {
                    return topic;
                }

                @Override
                public Message message() {
                    return message;
                }

                @Override
                public void ack() {
                    // At-most-once brokers have nothing to acknowledge, as Go Micro's HTTP broker.
                }
            });
            return true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Handler of topic {0} failed: {1}", topic, e.toString());
            return false;
        }
    }
}
