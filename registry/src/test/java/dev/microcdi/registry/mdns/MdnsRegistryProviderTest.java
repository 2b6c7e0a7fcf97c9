package dev.microcdi.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Providers;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Endpoint;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryProvider;
import dev.microcdi.api.registry.Service;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MdnsRegistryProviderTest {
    private final RegistryProvider provider = Providers.named(RegistryProvider.class, "mdns",
            getClass().getClassLoader());

    @Test
    void mdnsIsTheDefaultAndDeclaresEverySettingWithADefault() {
        assertThat(Providers.all(RegistryProvider.class, getClass().getClassLoader()).get(0).name())
                .isEqualTo("mdns");
        assertThat(provider.settings()).extracting(Setting::key).contains("micro.registry.mdns.interface",
                "micro.registry.mdns.domain", "micro.registry.mdns.timeout");
        assertThat(provider.settings()).allSatisfy(s -> assertThat(s.defaultValue()).isNotBlank());
        assertThat(provider.settings()).filteredOn(s -> s.key().endsWith(".interface")).singleElement()
                .satisfies(s -> assertThat(s.defaultValue()).isEqualTo("127.0.0.1"));
    }

    @Test
    void anUnknownInterfaceOrBadValueIsABadRequestNamingTheKey() {
        for (Map<String, String> bad : List.of(Map.of("micro.registry.mdns.interface", "nosuch0"),
                Map.of("micro.registry.mdns.interface", "10.255.255.254"),
                Map.of("micro.registry.mdns.domain", "a.b"),
                Map.of("micro.registry.mdns.group", "10.0.0.1"),
                Map.of("micro.registry.mdns.timeout", "soon"))) {
            assertThatThrownBy(() -> provider.create(Settings.of(bad)).close())
                    .isInstanceOfSatisfying(MicroException.class, e -> {
                        assertThat(e.code()).isEqualTo(400);
                        assertThat(e.detail()).contains(bad.keySet().iterator().next());
                    });
        }
    }

    @Test
    void aNodeWhoseRecordsDoNotFitOnePacketIsRefusedAsTooLarge() {
        List<Endpoint> many = IntStream.range(0, 2_000).mapToObj(i -> new Endpoint("Api.Method" + i + "x"
                + Integer.toHexString(i * 7919), null, null, Map.of("k" + i, Integer.toString(i * 31)))).toList();
        try (Registry registry = provider.create(Settings.of(Map.of("micro.registry.mdns.domain", "toolarge")))) {
            Service huge = new Service("huge", "1", Map.of(), many, List.of(new Node("h1", "127.0.0.1:1", Map.of())));
            assertThatThrownBy(() -> registry.register(huge, RegisterOptions.DEFAULT))
                    .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(413));
            assertThatThrownBy(() -> registry.register(new Service("x", "1", null, null,
                    List.of(new Node("bad..id", "127.0.0.1:1", null))), RegisterOptions.DEFAULT))
                    .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
            assertThatThrownBy(() -> registry.register(new Service("x", "1", null, null,
                    List.of(new Node("n", "127.0.0.1", null))), RegisterOptions.DEFAULT))
                    .isInstanceOfSatisfying(MicroException.class, e -> assertThat(e.code()).isEqualTo(400));
        }
    }
}
