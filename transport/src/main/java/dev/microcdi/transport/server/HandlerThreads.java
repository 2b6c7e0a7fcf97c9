package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.server.EndpointDefinition;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which thread calls a server's handlers: {@code micro.server.handler-threads}. */
public enum HandlerThreads {
    /** Non-blocking handlers ({@link EndpointDefinition#blocking()} false) on the event loop, others on workers. */
    AUTO,
    /** Every handler on a worker, whatever it declares. */
    WORKERS,
    /**
     * Every handler on the connection's event loop, whatever it declares (like gRPC's {@code directExecutor()}):
     * only for a server whose handlers never block.
     */
    EVENT_LOOP;

    /**
     * Whether this setting calls the endpoint's handler on the event loop.
     *
     * @param endpoint the endpoint
     * @return true for the event loop, false for a worker
     */
    public boolean onEventLoop(EndpointDefinition endpoint) {
        return this == EVENT_LOOP || (this == AUTO && !endpoint.blocking());
    }

    /** The value as written in configuration: {@code auto}, {@code workers}, {@code event-loop}. */
    String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a configured value.
     *
     * @param key the configuration key, for the error
     * @param value {@code auto}, {@code workers} or {@code event-loop}, in any case
     * @return the setting
     * @throws MicroException 400 naming the accepted values
     */
    static HandlerThreads parse(String key, String value) {
        for (HandlerThreads t : values()) {
            if (t.configValue().equalsIgnoreCase(value.strip())) {
                return t;
            }
        }
        throw MicroException.badRequest("micro.config", "setting %s=%s must be one of %s", key, value,
                Arrays.stream(values()).map(HandlerThreads::configValue).collect(Collectors.joining(", ")));
    }
}
