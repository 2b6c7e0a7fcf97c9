package dev.microcdi.example;

import dev.microcdi.api.Topic;
import dev.microcdi.api.broker.Publisher;
import dev.microcdi.api.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Publishes orders through the broker or onto the stream; used by the {@code publish} command. */
@ApplicationScoped
public class OrderDesk {

    @Inject
    @Topic("orders")
    Publisher<OrderPlaced> broker;

    @Inject
    @Topic(value = "orders", stream = true)
    Publisher<OrderPlaced> stream;

    @Inject
    Registry registry;

    /**
     * The publisher of a mode.
     *
     * @param onStream true for the durable stream, false for the broker
     * @return the publisher
     */
    public Publisher<OrderPlaced> publisher(boolean onStream) {
        return onStream ? stream : broker;
    }

    /**
     * How many HTTP broker subscriptions to {@code orders} the registry knows now.
     *
     * @return the subscriber node count
     */
    public long httpSubscribers() {
        return registry.getService("micro.http.broker").stream().flatMap(s -> s.nodes().stream())
                .filter(n -> "orders".equals(n.metadata().get("topic"))).count();
    }
}
