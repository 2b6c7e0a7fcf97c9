package dev.microcdi.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.RegistryEvent.Action;
import dev.microcdi.api.registry.Service;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * mDNS across processes: a second JVM registers, deregisters and exits while this JVM watches and looks up,
 * and a fresh JVM finds a service this one runs. It prints the latencies it saw (not asserted: timings belong
 * to benchmarks).
 */
class MdnsCrossProcessTest {
    private final String domain = "x" + UUID.randomUUID().toString().substring(0, 8);
    private final MdnsRegistry registry = new MdnsRegistry(MdnsOptions.from(Settings.of(
            Map.of("micro.registry.mdns.domain", domain))));
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void close() {
        children.forEach(Process::destroyForcibly);
        registry.close();
    }

    /** A child JVM and the lines it printed. */
    private record Child(Process process, BlockingQueue<String> lines, Writer stdin) {
        String expect(String prefix) throws InterruptedException {
            String line = lines.poll(30, TimeUnit.SECONDS);
            assertThat(line).as("line from the child").isNotNull().startsWith(prefix);
            return line.substring(prefix.length()).strip();
        }

        void send(String command) throws IOException {
            stdin.write(command + "\n");
            stdin.flush();
        }
    }

    private Child start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(p);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("reader failed: " + e);
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        return new Child(p, lines, new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8));
    }

    @Test
    void aServiceOfAnotherJvmIsSeenWithItsMetadataAndSeenToLeaveOnDeregistration() throws Exception {
        Map<Action, Long> seenAt = new ConcurrentHashMap<>();
        registry.watch("greeter", e -> seenAt.putIfAbsent(e.action(), System.currentTimeMillis()));
        Child child = start(RegistrarMain.class, domain, "greeter", "greeter-remote", "7001");

        long registeredAt = Long.parseLong(child.expect("registered "));
        await().atMost(Duration.ofSeconds(10)).until(() -> seenAt.containsKey(Action.CREATE));
        assertThat(registry.getService("greeter")).singleElement().satisfies(s -> {
            assertThat(s.version()).isEqualTo("1.0.0");
            assertThat(s.metadata()).containsEntry("team", "blue");
            assertThat(s.nodes()).containsExactly(new Node("greeter-remote", "127.0.0.1:7001",
                    Map.of("protocol", "mucp")));
        });

        child.send("deregister");
        long deregisteredAt = Long.parseLong(child.expect("deregistered "));
        await().atMost(Duration.ofSeconds(10)).until(() -> seenAt.containsKey(Action.DELETE));
        assertThat(registry.getService("greeter")).isEmpty();
        child.send("exit");
        child.expect("closed ");
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        System.out.printf("mDNS cross-process: register -> seen %d ms, deregister -> gone %d ms%n",
                seenAt.get(Action.CREATE) - registeredAt, seenAt.get(Action.DELETE) - deregisteredAt);
    }

    @Test
    void aServiceLeavesWhenItsProcessClosesTheRegistryOnExit() throws Exception {
        List<RegistryEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.watch(null, events::add);
        Child child = start(RegistrarMain.class, domain, "exiting", "exiting-1", "7002");
        child.expect("registered ");
        await().atMost(Duration.ofSeconds(10)).until(() -> !registry.getService("exiting").isEmpty());

        child.send("exit");
        long closedAt = Long.parseLong(child.expect("closed "));
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> registry.getService("exiting").isEmpty());
        long goneAt = System.currentTimeMillis();
        assertThat(events).extracting(RegistryEvent::action).containsSubsequence(Action.CREATE, Action.DELETE);
        System.out.printf("mDNS cross-process: close on exit -> gone within %d ms%n", goneAt - closedAt);
    }

    @Test
    void aServiceOfAJvmKilledWithoutGoodbyeLeavesWhenItsRecordsTtlPasses() throws Exception {
        List<RegistryEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        registry.watch("crashing", events::add);
        Child child = start(RegistrarMain.class, domain, "crashing", "crashing-1", "7004", "2");
        child.expect("registered ");
        await().atMost(Duration.ofSeconds(10)).until(() -> !registry.getService("crashing").isEmpty());

        child.process().destroyForcibly();
        long killedAt = System.currentTimeMillis();
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(15)).until(() -> registry.getService("crashing").isEmpty());
        long goneAt = System.currentTimeMillis();
        assertThat(events).extracting(RegistryEvent::action).containsSubsequence(Action.CREATE, Action.DELETE);
        System.out.printf("mDNS cross-process: kill -9 of a node with a 2 s TTL -> gone %d ms%n", goneAt - killedAt);
    }

    @Test
    void aFreshJvmFindsARunningServiceOnItsFirstLookup() throws Exception {
        registry.register(new Service("running", "1", Map.of(), List.of(),
                List.of(new Node("running-1", "127.0.0.1:7003", Map.of()))), RegisterOptions.DEFAULT);

        Child lookup = start(LookupMain.class, domain, "running");
        String[] found = lookup.expect("found ").split(" ");
        assertThat(lookup.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(found[0]).isEqualTo("1");
        System.out.printf("mDNS fresh process: registry creation -> first lookup answered %s ms%n", found[1]);
    }
}
