package dev.microcdi.api.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Node;

/**
 * Observes the attempts of calls on nodes: one notification when an attempt starts (optional) and one when it
 * ends, whether the node answered or the attempt failed and the call went on to another node. Useful for per-node statistics,
 * metrics and logs.
 *
 * <p>In a CDI application, every bean of this type is notified by the client; elsewhere pass listeners in
 * {@link ClientContext}. Listeners are called on the client's callback threads, concurrently for different
 * calls: they must be thread-safe, fast, and must not block. An exception thrown by a listener is logged and
 * does not affect the call.
 */
@FunctionalInterface
public interface AttemptListener {

    /**
     * An attempt starts: the client chose the node and is about to send the request. Does nothing by default.
     *
     * @param service the service called
     * @param endpoint the endpoint called, e.g. {@code Greeter.Hello}
     * @param node the node the attempt goes to
     */
    default void attemptStarted(String service, String endpoint, Node node) {
    }

    /**
     * An attempt ended.
     *
     * @param service the service called
     * @param endpoint the endpoint called, e.g. {@code Greeter.Hello}
     * @param node the node the attempt went to
     * @param failure why the attempt failed (the node could not be reached, the connection was lost, the node
     *                answered 503 or refused the call as not processed, the answer was too large, or the
     *                deadline passed), or null when the node answered, including another error answer of its
     *                handler
     */
    void attemptEnded(String service, String endpoint, Node node, MicroException failure);
}
