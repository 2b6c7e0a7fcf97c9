package dev.microcdi.api.server;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler knows of the call it serves. Valid for the duration of the call only.
 */
public interface CallContext {

    /**
     * The service called.
     *
     * @return the service name
     */
    String service();

    /**
     * The endpoint called.
     *
     * @return {@code Interface.Method}
     */
    String endpoint();

    /**
     * The request metadata (headers) sent by the caller.
     *
     * @return the metadata, names as sent; never null
     */
    Map<String, String> metadata();

    /**
     * The time left before the caller's deadline.
     *
     * @return the remaining time (zero or negative once passed), empty when the caller set no deadline
     */
    Optional<Duration> remaining();
}
