package dev.microcdi.example;

/**
 * One message of the {@code Greeter.Ticks} stream.
 *
 * @param n the message's number, from 0
 * @param node the id of the node that sent it
 */
public record Tick(long n, String node) {
}
