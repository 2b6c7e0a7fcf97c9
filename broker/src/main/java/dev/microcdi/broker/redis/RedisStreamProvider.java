package dev.microcdi.broker.redis;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.StreamProvider;
import dev.microcdi.broker.support.SettingValues;
import dev.microcdi.broker.support.StreamSettings;
import java.util.List;

/** The {@code redis} stream: Redis Streams with consumer groups, XACK and reclaim of dead consumers' entries. */
public final class RedisStreamProvider implements StreamProvider {
    /** The server. */
    public static final Setting URI = new Setting("micro.stream.redis.uri", "The Redis server",
            "redis://127.0.0.1:6379");
    /** Key prefix. */
    public static final Setting PREFIX = new Setting("micro.stream.redis.prefix",
            "Prefix of the stream key of each topic", "micro:stream:");
    /** Retention. */
    public static final Setting MAX_LEN = new Setting("micro.stream.redis.max-len",
            "Entries kept per topic (approximate trimming on XADD)", "1000000");
    /** Largest payload. */
    public static final Setting MAX_SIZE = new Setting("micro.stream.redis.max-size",
            "Largest event payload in bytes; larger ones fail with 413", "1048576");
    /** Read batch. */
    public static final Setting BATCH = new Setting("micro.stream.redis.batch",
            "Entries a consumer reads or reclaims per request", "256");
    /** Blocking read. */
    public static final Setting BLOCK = new Setting("micro.stream.redis.block",
            "How long one XREADGROUP waits for new entries; bounds how late a delayed redelivery may be", "200ms");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public RedisStreamProvider() {
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return "Redis Streams: consumer groups, XACK, reclaim of dead consumers' entries, dead letters";
    }

    @Override
    public List<Setting> settings() {
        return List.of(URI, PREFIX, MAX_LEN, MAX_SIZE, BATCH, BLOCK, StreamSettings.ACK_WAIT);
    }

    @Override
    public EventStream create(Settings settings) {
        return new RedisStream(SettingValues.string(settings, URI), SettingValues.string(settings, PREFIX),
                SettingValues.positive(settings, MAX_LEN), SettingValues.positive(settings, MAX_SIZE),
                SettingValues.positive(settings, BATCH), SettingValues.duration(settings, StreamSettings.ACK_WAIT),
                SettingValues.duration(settings, BLOCK));
    }
}
