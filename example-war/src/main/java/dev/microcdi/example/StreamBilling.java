package dev.microcdi.example;

import dev.microcdi.api.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Bills orders from the durable stream, consumer group {@code billing}: returning acknowledges an order; an
 * order redelivered after a crash is recognised by its id and not billed twice.
 */
@ApplicationScoped
public class StreamBilling {

    @Inject
    Handled handled;

    void onOrder(@Observes @Topic(value = "orders", stream = true, queue = "billing") OrderPlaced order) {
        handled.record(order);
    }
}
