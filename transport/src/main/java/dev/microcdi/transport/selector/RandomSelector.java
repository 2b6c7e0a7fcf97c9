package dev.microcdi.transport.selector;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Picks a candidate uniformly at random, Go Micro's default strategy. Stateless and thread-safe. */
public final class RandomSelector implements Selector {

    @Override
    public Node select(String service, List<Node> candidates) {
        int n = candidates.size();
        return n == 1 ? candidates.get(0) : candidates.get(ThreadLocalRandom.current().nextInt(n));
    }
}
