package dev.microcdi.registry.mdns;

import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegisterOptions;
import dev.microcdi.api.registry.Service;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Run in a second JVM by {@link MdnsCrossProcessTest}: registers one node, then obeys the lines of standard
 * input ({@code deregister}, {@code exit}) and reports each step with the wall-clock time.
 * Arguments: domain, service, node id, port, and optionally the registration TTL in seconds.
 */
public final class RegistrarMain {
    private RegistrarMain() {
    }

    /**
     * Runs the registrar.
     *
     * @param args domain, service, node id, port, optional TTL in seconds
     * @throws Exception on failure, which ends the process
     */
    public static void main(String[] args) throws Exception {
        MdnsRegistry registry = new MdnsRegistry(MdnsOptions.from(Settings.of(
                Map.of("micro.registry.mdns.domain", args[0]))));
        Service service = new Service(args[1], "1.0.0", Map.of("team", "blue"), List.of(),
                List.of(new Node(args[2], "127.0.0.1:" + args[3], Map.of("protocol", "mucp"))));
        long start = System.currentTimeMillis();
        registry.register(service, args.length > 4
                ? RegisterOptions.builder().ttl(java.time.Duration.ofSeconds(Long.parseLong(args[4]))).build()
                : RegisterOptions.DEFAULT);
        System.out.println("registered " + start);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals("deregister")) {
                long at = System.currentTimeMillis();
                registry.deregister(service);
                System.out.println("deregistered " + at);
            } else if (line.equals("exit")) {
                break;
            }
        }
        long at = System.currentTimeMillis();
        registry.close();
        System.out.println("closed " + at);
    }
}
