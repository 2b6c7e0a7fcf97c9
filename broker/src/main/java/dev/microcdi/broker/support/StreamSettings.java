package dev.microcdi.broker.support;

import dev.microcdi.api.Setting;

/** Settings every stream provider reads. */
public final class StreamSettings {
    /** Default ack wait of consumers that name none. */
    public static final Setting ACK_WAIT = new Setting("micro.stream.ack-wait",
            "How long a delivery may stay unsettled before it is delivered again, when the consumer names none",
            "30s");

    private StreamSettings() {
    }
}
