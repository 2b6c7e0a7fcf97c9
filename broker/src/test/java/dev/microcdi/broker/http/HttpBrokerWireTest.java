package dev.microcdi.broker.http;

import static dev.microcdi.tck.support.Failures.microException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.microcdi.api.Settings;
import dev.microcdi.api.broker.Delivery;
import dev.microcdi.api.broker.Message;
import dev.microcdi.api.broker.SubscribeOptions;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Service;
import dev.microcdi.registry.memory.MemoryRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP broker speaks Go Micro's HTTP broker protocol (go-micro {@code broker/http.go}) byte for byte. */
class HttpBrokerWireTest {
    private final MemoryRegistry registry = new MemoryRegistry(Duration.ofSeconds(1));
    private final ObjectMapper json = new ObjectMapper();
    private HttpBroker broker;
    private HttpServer goSubscriber;

    @AfterEach
    void close() {
        if (broker != null) {
            broker.close();
        }
        if (goSubscriber != null) {
            goSubscriber.stop(0);
        }
        registry.close();
    }

    private HttpBroker broker(Map<String, String> settings) {
        broker = new HttpBroker(HttpBrokerOptions.from(Settings.of(settings)), registry);
        broker.connect();
        return broker;
    }

    @Test
    void aSubscriptionRegistersAsGoMicroDoes() {
        broker(Map.of()).subscribe("orders", SubscribeOptions.queue("billing"), d -> { });
        broker.subscribe("orders", SubscribeOptions.DEFAULT, d -> { });
        List<Service> services = registry.getService("micro.http.broker");
        assertThat(services).extracting(Service::version).containsExactlyInAnyOrder("billing", "ff.http.broadcast");
        for (Service s : services) {
            Node node = s.nodes().get(0);
            assertThat(node.id()).matches("orders-[0-9a-f-]{36}");
            assertThat(node.metadata()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("broker", "http", "topic", "orders", "secure", "false"));
            assertThat(node.host()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void aGoPublishersPostReachesTheSubscriber() throws Exception {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        broker(Map.of()).subscribe("orders", SubscribeOptions.DEFAULT, got::add);
        Node node = registry.getService("micro.http.broker").get(0).nodes().get(0);
        String body = "{\"Header\":{\"Content-Type\":\"application/json\",\"Micro-Topic\":\"orders\"},"
                + "\"Body\":\"eyJpZCI6MX0=\"}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + node.address() + "/?id=" + node.id())).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).topic()).isEqualTo("orders");
        assertThat(new String(got.get(0).message().body(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(got.get(0).message().header()).containsEntry("Content-Type", "application/json");
    }

    @Test
    void badRequestsAreRefusedWithoutReachingTheHandler() throws Exception {
        List<Delivery> got = new CopyOnWriteArrayList<>();
        broker(Map.of()).subscribe("orders", SubscribeOptions.DEFAULT, got::add);
        Node node = registry.getService("micro.http.broker").get(0).nodes().get(0);
        HttpClient client = HttpClient.newHttpClient();
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://" + node.address() + "/?id=" + node.id()))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://" + node.address() + "/?id=nobody"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://" + node.address() + "/?id=" + node.id()))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        assertThat(got).isEmpty();
    }

    @Test
    void aPublishPostsGoMicrosJsonToTheRegisteredNode() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        goSubscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        goSubscriber.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        goSubscriber.start();
        registry.register(new Service("micro.http.broker", "ff.http.broadcast", Map.of(), List.of(), List.of(
                new Node("orders-go", "127.0.0.1:" + goSubscriber.getAddress().getPort(),
                        Map.of("broker", "http", "topic", "orders", "secure", "false")))), RegisterOptions.DEFAULT);
        broker(Map.of()).publish("orders", new Message(Map.of("Content-Type", "application/json"),
                "{\"id\":1}".getBytes(StandardCharsets.UTF_8))).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(5)).until(() -> !requests.isEmpty());
        String[] parts = requests.get(0).split(" ", 4);
        assertThat(parts[0]).isEqualTo("POST");
        assertThat(parts[1]).isEqualTo("/?id=orders-go");
        assertThat(parts[2]).isEqualTo("application/json");
        JsonNode sent = json.readTree(parts[3]);
        assertThat(sent.get("Body").asText()).isEqualTo("eyJpZCI6MX0=");
        assertThat(sent.get("Header").get("Micro-Topic").asText()).isEqualTo("orders");
        assertThat(sent.get("Header").get("Content-Type").asText()).isEqualTo("application/json");
    }

    @Test
    void aFullOutboxFailsThePublishAt503() {
        registry.register(new Service("micro.http.broker", "ff.http.broadcast", Map.of(), List.of(), List.of(
                new Node("orders-dead", "127.0.0.1:9", Map.of("broker", "http", "topic", "orders")))),
                RegisterOptions.DEFAULT);
        broker(Map.of("micro.broker.http.outbox", "2", "micro.broker.http.senders", "1",
                "micro.broker.http.drain", "0s"));
        Message m = Message.of(new byte[] {1});
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                broker.publish("orders", m).toCompletableFuture().join();
            }
        }).satisfies(e -> {
            assertThat(microException(e).code()).isEqualTo(503);
            assertThat(microException(e).detail()).contains("outbox is full", "micro.broker.http.outbox");
        });
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() {
        broker(Map.of("micro.broker.http.max-size", "8"));
        assertThatThrownBy(() -> broker.publish("orders", Message.of(new byte[9])).toCompletableFuture().join())
                .satisfies(e -> assertThat(microException(e).code()).isEqualTo(413));
    }

    @Test
    void theListenerBindsTheServersHostUnlessConfigured() {
        assertThat(HttpBrokerOptions.from(Settings.of(Map.of("micro.server.address", "[::1]:8080"))).address())
                .hasToString("[::1]:0");
        assertThat(HttpBrokerOptions.from(Settings.of(Map.of("micro.server.address", "127.0.0.1:8080",
                "micro.broker.http.address", "127.0.0.1:9000"))).address()).hasToString("127.0.0.1:9000");
        assertThat(HttpBrokerOptions.from(Settings.empty()).address()).hasToString("127.0.0.1:0");
    }
}
