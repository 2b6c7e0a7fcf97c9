package dev.microcdi.api.selector;

import dev.microcdi.api.registry.Node;
import java.util.List;

/**
 * A load-balancing strategy: picks the node for one attempt of a call among candidates that the client has
 * already filtered (by version, metadata, endpoint) and stripped of the nodes that failed this call and of
 * the nodes ejected as outliers. Implementations are thread-safe and do not block; one instance serves every
 * service it is configured for.
 *
 * <p>Life of an attempt: the client calls {@link #select}, then {@link #started} for the node it sends the
 * attempt to, then exactly one {@link #mark} for that node when the attempt ends, whatever the outcome
 * (answer, failure, or the call's deadline). A strategy that weighs nodes by the attempts in flight on them
 * counts {@code started} minus {@code mark}. The client may also call {@code started} and {@code mark} for a
 * node that it chose without {@code select} (a probe of an ejected node, or a call to a fixed address).
 */
public interface Selector {

    /**
     * Picks a node.
     *
     * @param service the service being called
     * @param candidates the nodes to choose from; never empty, in an order that stays the same while the
     *                   service's nodes do not change
     * @return one of {@code candidates}
     */
    Node select(String service, List<Node> candidates);

    /**
     * Reports that an attempt on a node begins. Called once per attempt, on the thread that starts it; must
     * not block. Does nothing by default.
     *
     * @param service the service called
     * @param node the node the attempt goes to
     */
    default void started(String service, Node node) {
    }

    /**
     * Reports how an attempt on a node ended, so that strategies can weigh nodes. Called exactly once per
     * {@link #started} call; must not block. Does nothing by default.
     *
     * @param service the service called
     * @param node the node tried
     * @param failure the failure, or null when the node answered (an error answer of the handler counts as
     *                an answer)
     */
    default void mark(String service, Node node, Throwable failure) {
    }
}
