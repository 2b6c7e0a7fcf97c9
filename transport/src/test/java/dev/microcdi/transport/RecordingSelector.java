package dev.microcdi.transport;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Picks the first candidate whose address is earliest in a preference list, and records picks and marks. */
public final class RecordingSelector implements Selector {
    public final List<String> picked = new CopyOnWriteArrayList<>();
    public final List<String> failedMarks = new CopyOnWriteArrayList<>();
    private final List<String> preference;

    public RecordingSelector(List<String> preference) {
        this.preference = preference;
    }

    @Override
    public Node select(String service, List<Node> candidates) {
        Node best = candidates.get(0);
        int bestRank = Integer.MAX_VALUE;
        for (Node n : candidates) {
            int rank = preference.indexOf(n.address());
            if (rank >= 0 && rank < bestRank) {
                best = n;
                bestRank = rank;
            }
        }
        picked.add(best.address());
        return best;
    }

    @Override
    public void mark(String service, Node node, Throwable failure) {
        if (failure != null) {
            failedMarks.add(node.address());
        }
    }
}
