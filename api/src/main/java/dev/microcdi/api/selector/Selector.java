package dev.microcdi.api.selector;

import dev.microcdi.api.registry.Node;
import java.util.List;

/**
 * A load-balancing strategy: picks the node for one attempt of a call among candidates that the client has
 * already filtered (by version, metadata, endpoint) and stripped of the nodes that failed this call.
 * Implementations are thread-safe and do not block; one instance serves every service it is configured for.
 */
public interface Selector {

    /**
     * Picks a node.
     *
     * @param service the service being called
     * @param candidates the nodes to choose from; never empty
     * @return one of {@code candidates}
     */
    Node select(String service, List<Node> candidates);

    /**
     * Reports how an attempt on a node ended, so that strategies can weigh nodes. Called once per attempt.
     *
     * @param service the service called
     * @param node the node tried
     * @param failure the failure, or null when the attempt succeeded
     */
    default void mark(String service, Node node, Throwable failure) {
    }
}
