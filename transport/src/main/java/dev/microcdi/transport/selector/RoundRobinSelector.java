package dev.microcdi.transport.selector;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Visits the candidates of a service in turn across calls: one counter per service, advanced by every
 * selection. Go Micro's round robin restarts at a random index for each call and so behaves randomly
 * (asim/nitro-plugins#323); this one rotates for real, over the candidates in the order the client gives
 * them (the client keeps that order stable). Thread-safe.
 */
public final class RoundRobinSelector implements Selector {
    private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public Node select(String service, List<Node> candidates) {
        int n = candidates.size();
        if (n == 1) {
            return candidates.get(0);
        }
        AtomicInteger counter = counters.computeIfAbsent(service, s -> new AtomicInteger());
        return candidates.get(Math.floorMod(counter.getAndIncrement(), n));
    }
}
