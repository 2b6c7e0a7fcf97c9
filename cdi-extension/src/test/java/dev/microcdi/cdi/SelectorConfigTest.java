package dev.microcdi.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Settings;
import dev.microcdi.transport.selector.LeastRequestsSelector;
import dev.microcdi.transport.selector.RandomSelector;
import dev.microcdi.transport.selector.RoundRobinSelector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the runtime chooses the selector of each service, and how MicroProfile Config reads quoted keys. */
class SelectorConfigTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void aServiceUsesItsQuotedKeyThenTheUnquotedOneThenTheGlobalSelector() {
        MicroRuntime runtime = new MicroRuntime(Settings.of(Map.of(
                "micro.client.\"greeter\".selector", "least-requests",
                "micro.client.\"v1.billing\".selector", "round-robin",
                "micro.client.orders.selector", "round-robin")), loader, UserBeans.NONE);
        assertThat(runtime.selector("greeter")).isInstanceOf(LeastRequestsSelector.class);
        assertThat(runtime.selector("v1.billing")).isInstanceOf(RoundRobinSelector.class);
        assertThat(runtime.selector("orders")).isInstanceOf(RoundRobinSelector.class);
        assertThat(runtime.selector("other")).isInstanceOf(RandomSelector.class);
        assertThat(runtime.selector("orders")).as("one instance per strategy, so rotations are shared")
                .isSameAs(runtime.selector("v1.billing")).isSameAs(runtime.namedSelector("round-robin"));
    }

    @Test
    void anUnknownSelectorNameIsA400NamingTheAvailableOnes() {
        MicroRuntime runtime = new MicroRuntime(Settings.of(Map.of("micro.client.selector", "fastest")), loader,
                UserBeans.NONE);
        assertThatThrownBy(() -> runtime.selector("greeter")).isInstanceOfSatisfying(MicroException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.detail()).contains("fastest", "random", "round-robin", "least-requests");
        });
    }

    @Test
    void microProfileConfigReadsTheQuotedPerServiceKey() {
        String key = "micro.client.\"greeter\".selector";
        System.setProperty(key, "round-robin");
        try {
            Settings settings = ConfigSettings.load(loader);
            assertThat(ServiceSettings.forService(settings, "greeter").string("micro.client.selector", "random"))
                    .isEqualTo("round-robin");
        } finally {
            System.clearProperty(key);
        }
    }
}
