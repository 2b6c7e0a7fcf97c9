package dev.microcdi.example;

/**
 * The request of {@code Greeter.Hello}.
 *
 * @param name who to greet
 */
public record HelloRequest(String name) {
}
