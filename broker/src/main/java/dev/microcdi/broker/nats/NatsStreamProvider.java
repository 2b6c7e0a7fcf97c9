package dev.microcdi.broker.nats;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.StreamProvider;
import dev.microcdi.broker.support.SettingValues;
import dev.microcdi.broker.support.StreamSettings;
import java.util.List;

/** The {@code nats} stream: NATS JetStream, durable consumers per group. */
public final class NatsStreamProvider implements StreamProvider {
    /** The server. */
    public static final Setting URL = new Setting("micro.stream.nats.url", "The NATS server (JetStream enabled)",
            "nats://127.0.0.1:4222");
    /** Stream name prefix. */
    public static final Setting PREFIX = new Setting("micro.stream.nats.prefix",
            "Prefix of the JetStream stream made for each topic", "micro-");
    /** Retention. */
    public static final Setting MAX_AGE = new Setting("micro.stream.nats.max-age",
            "How long JetStream keeps the events of a topic", "24h");
    /** Fetch batch. */
    public static final Setting BATCH = new Setting("micro.stream.nats.batch",
            "Events a consumer pulls per request", "256");
    /** Connection timeout. */
    public static final Setting TIMEOUT = new Setting("micro.stream.nats.timeout",
            "How long connecting may take", "5s");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public NatsStreamProvider() {
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public String description() {
        return "NATS JetStream: durable consumer groups, offsets, acks, delayed redelivery, dead letters";
    }

    @Override
    public List<Setting> settings() {
        return List.of(URL, PREFIX, MAX_AGE, BATCH, TIMEOUT, StreamSettings.ACK_WAIT);
    }

    @Override
    public EventStream create(Settings settings) {
        return new JetStreamStream(SettingValues.string(settings, URL), SettingValues.string(settings, PREFIX),
                SettingValues.duration(settings, MAX_AGE),
                SettingValues.duration(settings, StreamSettings.ACK_WAIT),
                SettingValues.positive(settings, BATCH), SettingValues.duration(settings, TIMEOUT));
    }
}
