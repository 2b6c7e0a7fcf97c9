package dev.microcdi.example;

import dev.microcdi.api.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Bills orders from the broker: each order goes to one member of the {@code billing} queue group. */
@ApplicationScoped
public class Billing {

    @Inject
    Handled handled;

    void onOrder(@Observes @Topic(value = "orders", queue = "billing") OrderPlaced order) {
        handled.record(order);
    }
}
