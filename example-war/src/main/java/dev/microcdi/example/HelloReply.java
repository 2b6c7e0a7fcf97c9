package dev.microcdi.example;

/**
 * The reply of {@code Greeter.Hello}.
 *
 * @param message the greeting
 * @param node the id of the node that answered
 */
public record HelloReply(String message, String node) {
}
