package dev.microcdi.api.broker;

/**
 * Handles the messages of a subscription. It may be called concurrently for different messages (the HTTP
 * broker handles each incoming request on its own worker), so it must be thread-safe; it is never called on a
 * network event loop and may block.
 */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Handles one message. With {@link SubscribeOptions#autoAck()} the message is acknowledged when this method
     * returns normally; when it throws, the message is not acknowledged and the broker logs the failure and
     * goes on with the next message. An exception never ends the subscription.
     *
     * @param delivery the message and its acknowledgement
     * @throws Exception any failure of the handler
     */
    void handle(Delivery delivery) throws Exception;
}
