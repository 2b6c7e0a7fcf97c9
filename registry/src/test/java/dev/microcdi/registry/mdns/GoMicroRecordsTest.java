package dev.microcdi.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import dev.microcdi.registry.support.WatchHub;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Records laid out as a Go Micro node sends them resolve into nodes, and TXT follows Go's encoding. */
class GoMicroRecordsTest {
    private static final String GO_TXT_JSON = "{\"Metadata\":{\"broker\":\"http\",\"protocol\":\"mucp\","
            + "\"registry\":\"mdns\",\"server\":\"mucp\",\"transport\":\"http\"},\"Service\":\"greeter\","
            + "\"Version\":\"latest\",\"Endpoints\":[{\"request\":{\"name\":\"Request\",\"type\":\"Request\","
            + "\"values\":[{\"name\":\"name\",\"type\":\"string\",\"values\":null}]},\"response\":null,"
            + "\"metadata\":{},\"name\":\"Greeter.Hello\"}]}";

    private final WatchHub hub = new WatchHub("test-watch");
    private final TxtCodec txt = new TxtCodec(65_536);

    @AfterEach
    void close() {
        hub.close();
    }

    private static List<String> goEncode(String json) {
        Deflater d = new Deflater();
        d.setInput(json.getBytes(StandardCharsets.UTF_8));
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        String hex = HexFormat.of().formatHex(out.toByteArray());
        return List.of(hex.substring(0, 255), hex.substring(255));
    }

    @Test
    void aGoNodeResolvesFromItsSrvAndARecordsAndTxt() throws Exception {
        List<String> strings = goEncode(GO_TXT_JSON);
        assertThat(strings.get(0)).hasSize(255);
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        hub.add(null, events::add);
        NodeTable table = new NodeTable("micro", txt, hub);
        String instance = "greeter-5f0c.greeter.micro.";

        table.apply(List.of(
                new DnsRecord("greeter.micro.", false, 120, new DnsRecord.Ptr(instance)),
                new DnsRecord(instance, true, 120, new DnsRecord.Srv(10, 1, 54321, "gohost.")),
                new DnsRecord(instance, true, 120, new DnsRecord.Txt(strings)),
                new DnsRecord("gohost.", true, 120, new DnsRecord.Address(InetAddress.getByName("127.0.0.1")))),
                0);

        assertThat(table.services("greeter", 0)).singleElement().satisfies(s -> {
            assertThat(s.version()).isEqualTo("latest");
            assertThat(s.endpoints()).singleElement().satisfies(e -> {
                assertThat(e.name()).isEqualTo("Greeter.Hello");
                assertThat(e.request().values()).singleElement().satisfies(v -> assertThat(v.type()).isEqualTo("string"));
            });
            assertThat(s.nodes()).singleElement().isEqualTo(new Node("greeter-5f0c", "127.0.0.1:54321",
                    java.util.Map.of("broker", "http", "protocol", "mucp", "registry", "mdns", "server", "mucp",
                            "transport", "http")));
        });

        table.apply(List.of(new DnsRecord(instance, true, 0, new DnsRecord.Txt(strings))), 1);
        assertThat(table.services("greeter", 1)).isEmpty();
    }

    @Test
    void recordsExpireWithTheirTtl() {
        NodeTable table = new NodeTable("micro", txt, hub);
        String instance = "n1.svc.micro.";
        table.apply(List.of(new DnsRecord(instance, true, 2, new DnsRecord.Txt(txt.encode(new TxtPayload(null,
                "svc", "1", null, "127.0.0.1:1", null))))), 0);
        assertThat(table.services("svc", 1_999_999_999L)).hasSize(1);
        assertThat(table.services("svc", 2_000_000_000L)).isEmpty();
    }

    @Test
    void anEmptyOrCorruptTxtIsIgnoredUntilAGoodOneArrives() {
        NodeTable table = new NodeTable("micro", txt, hub);
        String instance = "n1.svc.micro.";
        table.apply(List.of(new DnsRecord(instance, true, 120, new DnsRecord.Txt(List.of())),
                new DnsRecord(instance, true, 120, new DnsRecord.Txt(List.of("zz-not-hex")))), 0);
        assertThat(table.services("svc", 0)).isEmpty();

        table.apply(List.of(new DnsRecord(instance, true, 120, new DnsRecord.Txt(txt.encode(new TxtPayload(null,
                "svc", "1", null, "127.0.0.1:1", null))))), 0);
        assertThat(table.services("svc", 0)).extracting(Service::name).containsExactly("svc");
    }

    @Test
    void aCompressedBombIsRefused() {
        TxtCodec small = new TxtCodec(1024);
        List<String> big = txt.encode(new TxtPayload(java.util.Map.of("k", "x".repeat(10_000)), "svc", "1", null,
                null, null));
        assertThatThrownBy(() -> small.decode(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inflates beyond");
    }

    @Test
    void ourTxtIsGoMicroJsonWithTwoExtraFields() {
        List<String> strings = txt.encode(new TxtPayload(java.util.Map.of("protocol", "mucp"), "greeter", "1",
                List.of(), "127.0.0.1:1", java.util.Map.of()));
        assertThat(strings).allSatisfy(s -> assertThat(s).hasSizeLessThanOrEqualTo(255).matches("[0-9a-f]+"));
        TxtPayload back = txt.decode(strings);
        assertThat(back.service()).isEqualTo("greeter");
        assertThat(back.metadata()).containsEntry("protocol", "mucp");
        assertThat(back.address()).isEqualTo("127.0.0.1:1");
    }

    @Test
    void goodbyeOfAResolvedNodeTellsWatchersOfItsDeletion() {
        List<RegistryEvent> events = new CopyOnWriteArrayList<>();
        hub.add("svc", events::add);
        NodeTable table = new NodeTable("micro", txt, hub);
        DnsRecord record = new DnsRecord("n1.svc.micro.", true, 120, new DnsRecord.Txt(txt.encode(
                new TxtPayload(null, "svc", "1", null, "127.0.0.1:1", null))));
        table.apply(List.of(record), 0);
        table.apply(List.of(record.withTtl(0)), 0);

        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(events).extracting(RegistryEvent::action)
                .containsExactly(Action.CREATE, Action.DELETE));
    }
}
