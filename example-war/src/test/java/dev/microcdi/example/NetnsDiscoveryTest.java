package dev.microcdi.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.microcdi.tck.support.Backends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Discovery and calls across hosts: runs {@code scripts/netns-demo.sh}, which puts greeters in two network
 * namespaces and a caller in a third, joined by veth pairs to a bridge, with mDNS on the veths. Needs root and
 * {@code ip netns}; skipped without them, except with {@code CI=true}, where it fails.
 */
class NetnsDiscoveryTest {

    private static boolean netnsAvailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aCallerInOneNamespaceFindsAndCallsGreetersInTwoOthersOverMdns() throws Exception {
        Backends.require(netnsAvailable(), "needs root and 'ip netns' to create network namespaces");
        Path script = Path.of("..", "scripts", "netns-demo.sh").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = Files.createTempFile("netns-demo", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().put("GREETER_CMD", java + " -cp " + System.getProperty("java.class.path") + " "
                    + GreeterCli.class.getName());
            Process p = pb.start();
            boolean ended = p.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                p.destroy();
                p.waitFor(15, TimeUnit.SECONDS);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(ended).as("the script ended").isTrue();
            assertThat(output).contains("PASS host3 discovered and called host1", "PASS host3 discovered and called host2")
                    .contains("failed=0").doesNotContain("FAIL");
            assertThat(p.exitValue()).isZero();
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
