package dev.microcdi.transport.selector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.tck.selector.SelectorContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastRequestsSelectorContractTest extends SelectorContract {

    @Override
    protected Selector newSelector() {
        return new LeastRequestsSelector();
    }

    @Test
    void prefersTheIdleNodeOfTwo() {
        LeastRequestsSelector selector = new LeastRequestsSelector();
        List<Node> candidates = nodes(2);
        selector.started("svc", candidates.get(0));
        for (int i = 0; i < 200; i++) {
            assertThat(selector.select("svc", candidates)).isEqualTo(candidates.get(1));
        }
    }

    @Test
    void neverPicksTheOnlyBusyNodeAmongThree() {
        LeastRequestsSelector selector = new LeastRequestsSelector();
        List<Node> candidates = nodes(3);
        for (int i = 0; i < 4; i++) {
            selector.started("svc", candidates.get(2));
        }
        Map<Node, Integer> picks = new HashMap<>();
        for (int i = 0; i < 600; i++) {
            picks.merge(selector.select("svc", candidates), 1, Integer::sum);
        }
        assertThat(picks).doesNotContainKey(candidates.get(2)).containsKeys(candidates.get(0), candidates.get(1));
    }

    @Test
    void spreadsAttemptsThatStayInFlight() {
        LeastRequestsSelector selector = new LeastRequestsSelector();
        List<Node> candidates = nodes(4);
        for (int i = 0; i < 400; i++) {
            selector.started("svc", selector.select("svc", candidates));
        }
        for (Node n : candidates) {
            assertThat(selector.inFlight(n)).isBetween(85, 115);
        }
    }

    @Test
    void forgetsAnAttemptWhenItEnds() {
        LeastRequestsSelector selector = new LeastRequestsSelector();
        Node node = nodes(1).get(0);
        selector.started("a", node);
        selector.started("b", node);
        assertThat(selector.inFlight(node)).isEqualTo(2);
        selector.mark("a", node, null);
        selector.mark("b", node, new IllegalStateException("lost"));
        assertThat(selector.inFlight(node)).isZero();
        selector.mark("a", node, null);
        assertThat(selector.inFlight(node)).isZero();
    }
}
