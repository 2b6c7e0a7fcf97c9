package dev.microcdi.registry.memory;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryProvider;
import java.time.Duration;
import java.util.List;

/** The {@code memory} registry: {@link MemoryRegistry}, visible to this process only. */
public final class MemoryRegistryProvider implements RegistryProvider {
    /** How often expired registrations are swept between operations. */
    public static final Setting SWEEP = new Setting("micro.registry.memory.sweep",
            "How often the memory registry looks for registrations whose TTL has passed", "1s");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public MemoryRegistryProvider() {
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "In-process registry with TTLs, for tests and single-process applications";
    }

    @Override
    public List<Setting> settings() {
        return List.of(SWEEP);
    }

    @Override
    public Registry create(Settings settings) {
        return new MemoryRegistry(settings.duration(SWEEP.key(), Duration.ofSeconds(1)));
    }
}
