package dev.microcdi.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.api.Providers;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.ClientProvider;
import dev.microcdi.api.codec.CodecProvider;
import dev.microcdi.api.selector.SelectorProvider;
import dev.microcdi.api.server.Server;
import dev.microcdi.api.server.ServerProvider;
import dev.microcdi.transport.codec.JsonCodec;
import dev.microcdi.transport.selector.RoundRobinSelector;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void installsEveryProviderByItsName() {
        assertThat(Providers.all(CodecProvider.class, loader)).extracting(p -> p.name()).containsExactly("json", "protobuf");
        assertThat(Providers.named(CodecProvider.class, "json", loader).create(Settings.empty())).isInstanceOf(JsonCodec.class);
        assertThat(Providers.all(SelectorProvider.class, loader).get(0).name()).isEqualTo("random");
        assertThat(Providers.named(SelectorProvider.class, "round-robin", loader).create(Settings.empty()))
                .isInstanceOf(RoundRobinSelector.class);
        assertThat(Providers.named(ClientProvider.class, "mucp", loader).settings()).extracting(Setting::key)
                .contains("micro.client.timeout", "micro.client.reconnect-backoff", "micro.client.stream-timeout",
                        "micro.client.keepalive-interval", "micro.client.idle-timeout",
                        "micro.client.connections-per-node", "micro.client.direct-callbacks",
                        "micro.client.callback-spin")
                .doesNotHaveDuplicates();
        assertThat(Providers.named(ServerProvider.class, "mucp", loader).settings()).isNotEmpty();
    }

    @Test
    void serverAdvertisesTheConfiguredAddressAndItsWire() {
        try (Server server = Providers.named(ServerProvider.class, "mucp", loader).create(Settings.of(java.util.Map.of(
                "micro.server.advertise", "10.1.2.3:9999")), EchoNode.codecs())) {
            server.start();
            assertThat(server.address()).isEqualTo("10.1.2.3:9999");
            assertThat(server.nodeMetadata()).containsEntry("protocol", "mucp").containsEntry("wire", "mcdi/1")
                    .containsKeys("server", "transport");
        }
    }
}
