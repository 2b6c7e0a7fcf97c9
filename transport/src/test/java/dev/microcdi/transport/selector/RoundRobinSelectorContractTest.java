package dev.microcdi.transport.selector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.tck.selector.SelectorContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinSelectorContractTest extends SelectorContract {

    @Override
    protected Selector newSelector() {
        return new RoundRobinSelector();
    }

    @Test
    void visitsTheNodesInTurnAcrossCalls() {
        Selector selector = newSelector();
        List<Node> candidates = nodes(3);
        List<Node> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(selector.select("svc", candidates));
        }
        assertThat(picked.subList(0, 3)).containsExactlyInAnyOrderElementsOf(candidates);
        assertThat(picked.subList(3, 6)).isEqualTo(picked.subList(0, 3));
    }

    @Test
    void keepsOneRotationPerService() {
        Selector selector = newSelector();
        List<Node> candidates = nodes(2);
        Node a1 = selector.select("a", candidates);
        Node b1 = selector.select("b", candidates);
        assertThat(b1).isEqualTo(a1);
        assertThat(selector.select("a", candidates)).isNotEqualTo(a1);
    }
}
