package dev.microcdi.broker.memory;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.stream.EventStream;
import dev.microcdi.api.stream.StreamProvider;
import dev.microcdi.broker.support.SettingValues;
import dev.microcdi.broker.support.StreamSettings;
import java.util.List;

/** The {@code memory} stream: in-process, events kept while the process lives, up to a count per topic. */
public final class MemoryStreamProvider implements StreamProvider {
    /** Events kept per topic. */
    public static final Setting MAX_EVENTS = new Setting("micro.stream.memory.max-events",
            "Events kept per topic; the oldest are dropped beyond it", "100000");
    /** Largest payload. */
    public static final Setting MAX_SIZE = new Setting("micro.stream.memory.max-size",
            "Largest event payload in bytes; larger ones fail with 413", "1048576");

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public MemoryStreamProvider() {
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String description() {
        return "In-process event stream, for tests and single-process applications";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public List<Setting> settings() {
        return List.of(MAX_EVENTS, MAX_SIZE, StreamSettings.ACK_WAIT);
    }

    @Override
    public EventStream create(Settings settings) {
        return new MemoryStream(SettingValues.positive(settings, MAX_EVENTS),
                SettingValues.positive(settings, MAX_SIZE), SettingValues.duration(settings, StreamSettings.ACK_WAIT));
    }
}
