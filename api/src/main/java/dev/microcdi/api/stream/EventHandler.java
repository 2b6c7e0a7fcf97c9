package dev.microcdi.api.stream;

/**
 * Handles the events of a consumer. Deliveries to one consumer are handled one at a time, in stream order
 * apart from redeliveries; the handler is never called on a network event loop and may block.
 */
@FunctionalInterface
public interface EventHandler {

    /**
     * Handles one delivery. With {@link ConsumeOptions#autoAck()} the delivery is acknowledged when this method
     * returns normally and refused when it throws, unless the handler settled it itself. An exception never
     * ends the consumer.
     *
     * @param delivery the event and its settlement
     * @throws Exception any failure of the handler
     */
    void handle(EventDelivery delivery) throws Exception;
}
