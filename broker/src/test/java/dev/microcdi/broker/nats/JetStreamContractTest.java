package dev.microcdi.broker.nats;

import dev.microcdi.api.stream.EventStream;
import dev.microcdi.tck.stream.StreamContract;
import dev.microcdi.tck.support.Backends;
import java.time.Duration;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The JetStream stream runs the stream contract against the NATS server (JetStream) on 127.0.0.1:4222. */
class JetStreamContractTest extends StreamContract {

    @BeforeEach
    void requireNats() {
        Backends.require("NATS with JetStream", 4222);
    }

    /** Deletes the JetStream streams of the test's topics (the topic and the ones derived from it). */
    @AfterEach
    void deleteStreams() throws Exception {
        Connection c = Nats.connect("nats://127.0.0.1:4222");
        try {
            JetStreamManagement jsm = c.jetStreamManagement();
            for (String name : jsm.getStreamNames()) {
                if (name.startsWith("micro-test-" + topic)) {
                    jsm.deleteStream(name);
                }
            }
        } finally {
            c.close();
        }
    }

    @Override
    protected EventStream createStream() {
        return new JetStreamStream("nats://127.0.0.1:4222", "micro-test-", Duration.ofMinutes(10),
                Duration.ofSeconds(30), 64, Duration.ofSeconds(5));
    }
}
