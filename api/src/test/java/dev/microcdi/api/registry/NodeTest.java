package dev.microcdi.api.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NodeTest {

    @ParameterizedTest
    @CsvSource({"127.0.0.1:8080,127.0.0.1,8080", "[::1]:8080,::1,8080", "localhost:0,localhost,0",
            "[fe80::1%lo]:9,fe80::1%lo,9", "my-host.local:65535,my-host.local,65535"})
    void splitsHostAndPortIncludingBracketedIpv6(String address, String host, int port) {
        Node node = new Node("n1", address, Map.of());

        assertThat(node.host()).isEqualTo(host);
        assertThat(node.port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "host:", ":8080", "host:http"})
    void rejectsAddressesWithoutAValidPort(String address) {
        Node node = new Node("n1", address, Map.of());

        assertThatThrownBy(node::port).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(address);
    }

    @Test
    void copiesMetadataAndDefaultsItToEmpty() {
        Map<String, String> metadata = new HashMap<>(Map.of("protocol", "mucp"));
        Node node = new Node("n1", "127.0.0.1:1", metadata);
        metadata.put("protocol", "grpc");

        assertThat(node.metadata()).containsExactly(Map.entry("protocol", "mucp"));
        assertThat(new Node("n2", "127.0.0.1:1", null).metadata()).isEmpty();
    }
}
