package dev.microcdi.broker.memory;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.BrokerProvider;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.broker.support.SettingValues;
import java.util.List;

/** The {@code memory} broker: in-process pub/sub for tests and single-process applications. */
public final class MemoryBrokerProvider implements BrokerProvider {
    /** Threads that run handlers. */
    public static final Setting WORKERS = new Setting("micro.broker.memory.workers",
            "Threads that run the memory broker's handlers", "4");
    /** Deliveries waiting for a worker. */
    public static final Setting QUEUE = new Setting("micro.broker.memory.queue",
            "Deliveries that may wait for a worker; a publish beyond it fails with 503", "10000");
    /** Largest body. */
    public static final Setting MAX_SIZE = new Setting("micro.broker.memory.max-size",
            "Largest message body in bytes; larger ones fail with 413", "1048576");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public MemoryBrokerProvider() {
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "In-process broker, for tests and single-process applications";
    }

    @Override
    public List<Setting> settings() {
        return List.of(WORKERS, QUEUE, MAX_SIZE);
    }

    @Override
    public Broker create(Settings settings, Registry registry) {
        return new MemoryBroker(SettingValues.positive(settings, WORKERS), SettingValues.positive(settings, QUEUE),
                SettingValues.positive(settings, MAX_SIZE));
    }
}
