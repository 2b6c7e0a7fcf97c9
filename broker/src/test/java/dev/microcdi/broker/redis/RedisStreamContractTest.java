package dev.microcdi.broker.redis;

import dev.microcdi.api.stream.EventStream;
import dev.microcdi.tck.stream.StreamContract;
import dev.microcdi.tck.support.Backends;
import java.time.Duration;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The Redis stream runs the stream contract against the Redis server on 127.0.0.1:6379. */
class RedisStreamContractTest extends StreamContract {

    @BeforeEach
    void requireRedis() {
        Backends.require("Redis", 6379);
    }

    @Override
    protected EventStream createStream() {
        return new RedisStream("redis://127.0.0.1:6379", "micro-test:stream:", 10_000, 1 << 20, 64,
                Duration.ofSeconds(30), Duration.ofMillis(100));
    }

    /** Deletes the stream keys of the test's topics (the topic and the ones derived from it). */
    @AfterEach
    void deleteKeys() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = c.sync().keys("micro-test:stream:" + topic + "*");
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(String[]::new));
            }
        } finally {
            client.shutdown();
        }
    }

    @Override
    protected boolean supportsSequenceOffset() {
        return false;
    }
}
