package dev.microcdi.transport.selector;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Least requests with the power of two choices: picks two distinct candidates at random and takes the one with
 * fewer attempts in flight (the first of the two on a tie). Between two candidates it always takes the less
 * loaded one; among more, a busy node is chosen only when both draws are at least as busy, which avoids the
 * herd that "always the least loaded" sends to a node that just came up.
 *
 * <p>Attempts in flight are counted per node address from {@link #started} and {@link #mark}, across every
 * service this instance serves. Only nodes with attempts in flight hold an entry. Thread-safe; the counts are
 * updated without locks visible to callers.
 */
public final class LeastRequestsSelector implements Selector {
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    @Override
    public Node select(String service, List<Node> candidates) {
        int n = candidates.size();
        if (n == 1) {
            return candidates.get(0);
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int i = random.nextInt(n);
        int j = random.nextInt(n - 1);
        if (j >= i) {
            j++;
        }
        Node first = candidates.get(i);
        Node second = candidates.get(j);
        return inFlight(second) < inFlight(first) ? second : first;
    }

    @Override
    public void started(String service, Node node) {
        inFlight.merge(node.address(), 1, Integer::sum);
    }

    @Override
    public void mark(String service, Node node, Throwable failure) {
        inFlight.computeIfPresent(node.address(), (address, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * The attempts in flight on a node.
     *
     * @param node the node
     * @return the count, zero when none
     */
    public int inFlight(Node node) {
        Integer count = inFlight.get(node.address());
        return count == null ? 0 : count;
    }
}
