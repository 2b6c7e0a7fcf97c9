package dev.microcdi.example;

/**
 * An order was placed: the event of the {@code orders} topic.
 *
 * @param id unique per order; subscribers deduplicate redeliveries by it
 * @param amount the order's amount in cents
 */
public record OrderPlaced(String id, long amount) {
}
