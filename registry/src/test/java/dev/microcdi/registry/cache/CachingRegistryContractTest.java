package dev.microcdi.registry.cache;

import dev.microcdi.api.registry.Registry;
import dev.microcdi.registry.memory.MemoryRegistry;
import dev.microcdi.tck.registry.RegistryContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The cache over a memory registry, both on one fake clock, still keeps the registry contract. */
class CachingRegistryContractTest extends RegistryContract {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    protected Registry newRegistry() {
        return new CachingRegistry(new MemoryRegistry(nanos::get, Duration.ofMillis(50)),
                CacheOptions.builder().ticker(nanos::get).build());
    }

    @Override
    protected void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
