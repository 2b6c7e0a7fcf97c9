package dev.microcdi.example;

/**
 * The request of {@code Greeter.Ticks}.
 *
 * @param count how many ticks to stream
 */
public record TickRequest(long count) {
}
