package dev.microcdi.broker.nats;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.BrokerProvider;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.broker.support.SettingValues;
import java.util.List;

/** The {@code nats} broker: core NATS subjects and queue groups. */
public final class NatsBrokerProvider implements BrokerProvider {
    /** The server. */
    public static final Setting URL = new Setting("micro.broker.nats.url", "The NATS server",
            "nats://127.0.0.1:4222");
    /** Connection and flush timeout. */
    public static final Setting TIMEOUT = new Setting("micro.broker.nats.timeout",
            "How long connecting and confirming a subscription may take", "5s");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public NatsBrokerProvider() {
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public String description() {
        return "Core NATS pub/sub with queue groups (at most once)";
    }

    @Override
    public List<Setting> settings() {
        return List.of(URL, TIMEOUT);
    }

    @Override
    public Broker create(Settings settings, Registry registry) {
        return new NatsBroker(SettingValues.string(settings, URL), SettingValues.duration(settings, TIMEOUT));
    }
}
