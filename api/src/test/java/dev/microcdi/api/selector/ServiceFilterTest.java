package dev.microcdi.api.selector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.registry.Endpoint;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.Service;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceFilterTest {
    private static final Node BLUE = new Node("blue", "127.0.0.1:1", Map.of("team", "blue", "zone", "a"));
    private static final Node RED = new Node("red", "127.0.0.1:2", Map.of("team", "red", "zone", "a"));
    private static final Node GREEN = new Node("green", "127.0.0.1:3", Map.of("team", "green", "zone", "b"));

    private static final Service V1 = new Service("greeter", "1.0.0", Map.of(),
            List.of(new Endpoint("Greeter.Hello", null, null, Map.of())), List.of(BLUE, RED));
    private static final Service V2 = new Service("greeter", "2.0.0", Map.of(),
            List.of(new Endpoint("Greeter.Bye", null, null, Map.of())), List.of(GREEN));
    private static final Service UNADVERTISED = new Service("greeter", "3.0.0", Map.of(), List.of(), List.of(RED));

    @Test
    void versionKeepsOnlyThatVersion() {
        assertThat(ServiceFilter.version("2.0.0").filter(List.of(V1, V2))).containsExactly(V2);
        assertThat(ServiceFilter.version("9").filter(List.of(V1, V2))).isEmpty();
    }

    @Test
    void nodeMetadataKeepsMatchingNodesAndDropsVersionsLeftEmpty() {
        List<Service> kept = ServiceFilter.nodeMetadata("team", "red").filter(List.of(V1, V2));

        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).version()).isEqualTo("1.0.0");
        assertThat(kept.get(0).nodes()).containsExactly(RED);
    }

    @Test
    void endpointKeepsVersionsAdvertisingItOrAdvertisingNothing() {
        assertThat(ServiceFilter.endpoint("Greeter.Hello").filter(List.of(V1, V2, UNADVERTISED)))
                .containsExactly(V1, UNADVERTISED);
    }

    @Test
    void labelsRequireEveryEntry() {
        List<Service> kept = ServiceFilter.labels(Map.of("zone", "a", "team", "blue")).filter(List.of(V1, V2));

        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).nodes()).containsExactly(BLUE);
        assertThat(ServiceFilter.labels(Map.of()).filter(List.of(V1, V2))).containsExactly(V1, V2);
    }

    @Test
    void labelsAreCopiedWhenTheFilterIsMade() {
        Map<String, String> labels = new HashMap<>(Map.of("zone", "b"));
        ServiceFilter filter = ServiceFilter.labels(labels);
        labels.put("zone", "a");

        assertThat(filter.filter(List.of(V1, V2))).extracting(Service::version).containsExactly("2.0.0");
    }
}
