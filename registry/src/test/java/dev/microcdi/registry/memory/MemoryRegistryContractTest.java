package dev.microcdi.registry.memory;

import dev.microcdi.api.registry.Registry;
import dev.microcdi.tck.registry.RegistryContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The memory registry on a fake clock runs the registry contract. */
class MemoryRegistryContractTest extends RegistryContract {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    protected Registry newRegistry() {
        return new MemoryRegistry(nanos::get, Duration.ofMillis(50));
    }

    @Override
    protected void elapse(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
