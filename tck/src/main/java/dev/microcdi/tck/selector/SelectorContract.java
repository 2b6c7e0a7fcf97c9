package dev.microcdi.tck.selector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The contract of every {@link Selector}: it picks among the candidates only, and it spreads calls. */
public abstract class SelectorContract {

    /**
     * Makes the selector under test.
     *
     * @return a new selector
     */
    protected abstract Selector newSelector();

    /**
     * Nodes for tests.
     *
     * @param n how many
     * @return nodes at distinct addresses
     */
    protected static List<Node> nodes(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Node("node-" + i, "127.0.0.1:" + (10000 + i), Map.of()))
                .toList();
    }

    @Test
    void picksOnlyAmongTheCandidates() {
        Selector selector = newSelector();
        List<Node> candidates = nodes(3);
        for (int i = 0; i < 100; i++) {
            assertThat(candidates).contains(selector.select("svc", candidates));
        }
    }

    @Test
    void picksTheOnlyCandidate() {
        Selector selector = newSelector();
        List<Node> one = nodes(1);
        assertThat(selector.select("svc", one)).isEqualTo(one.get(0));
    }

    @Test
    void reachesEveryCandidateOverManyCalls() {
        Selector selector = newSelector();
        List<Node> candidates = nodes(4);
        Set<Node> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add(selector.select("svc", candidates));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(candidates);
    }

    @Test
    void acceptsAttemptsOnNodesItDidNotPick() {
        Selector selector = newSelector();
        List<Node> candidates = nodes(2);
        Node probe = new Node("probe", "127.0.0.1:9", Map.of());
        selector.started("svc", probe);
        selector.mark("svc", probe, new IllegalStateException("refused"));
        assertThat(candidates).contains(selector.select("svc", candidates));
    }

    @Test
    void acceptsMarksAndConcurrentSelections() {
        Selector selector = newSelector();
        List<Node> candidates = nodes(5);
        List<CompletableFuture<Boolean>> runs = IntStream.range(0, 8).mapToObj(t -> CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < 500; i++) {
                Node n = selector.select("svc-" + (i % 3), candidates);
                selector.started("svc-" + (i % 3), n);
                selector.mark("svc-" + (i % 3), n, i % 7 == 0 ? new IllegalStateException("failed") : null);
                if (!candidates.contains(n)) {
                    return false;
                }
            }
            return true;
        })).toList();
        assertThat(runs).allSatisfy(r -> assertThat(r.join()).isTrue());
    }
}
