package dev.microcdi.broker.nats;

import dev.microcdi.api.stream.EventStream;
import dev.microcdi.broker.Backends;
import dev.microcdi.tck.stream.StreamContract;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;

/** The JetStream stream runs the stream contract against the NATS server (JetStream) on 127.0.0.1:4222. */
class JetStreamContractTest extends StreamContract {

    @BeforeEach
    void requireNats() {
        Backends.require("NATS with JetStream", 4222);
    }

    @Override
    protected EventStream createStream() {
        return new JetStreamStream("nats://127.0.0.1:4222", "micro-test-", Duration.ofMinutes(10),
                Duration.ofSeconds(30), 64, Duration.ofSeconds(5));
    }
}
