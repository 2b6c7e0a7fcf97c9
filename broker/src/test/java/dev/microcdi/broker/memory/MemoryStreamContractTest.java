package dev.microcdi.broker.memory;

import dev.microcdi.api.stream.EventStream;
import dev.microcdi.tck.stream.StreamContract;
import java.time.Duration;

/** The memory stream runs the stream contract; the streams of one test are one in-process stream. */
class MemoryStreamContractTest extends StreamContract {
    private EventStream shared;

    @Override
    protected EventStream createStream() {
        if (shared == null) {
            shared = new MemoryStream(1000, 1 << 20, Duration.ofSeconds(30));
        }
        return shared;
    }
}
