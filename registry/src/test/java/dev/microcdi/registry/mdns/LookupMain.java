package dev.microcdi.registry.mdns;

import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Service;
import java.util.List;
import java.util.Map;

/**
 * Run in a fresh JVM by {@link MdnsCrossProcessTest}: opens a registry, looks a service up once and prints
 * {@code found <nodes> <ms from registry creation to answer>}. Arguments: domain, service.
 */
public final class LookupMain {
    private LookupMain() {
    }

    /**
     * Runs the lookup.
     *
     * @param args domain, service
     */
    public static void main(String[] args) {
        long start = System.nanoTime();
        try (MdnsRegistry registry = new MdnsRegistry(MdnsOptions.from(Settings.of(
                Map.of("micro.registry.mdns.domain", args[0]))))) {
            List<Service> found = registry.getService(args[1]);
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("found " + found.stream().mapToInt(s -> s.nodes().size()).sum() + " " + millis);
        }
    }
}
