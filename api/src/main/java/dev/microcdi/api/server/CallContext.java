package dev.microcdi.api.server;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler knows of the call it serves. Valid for the duration of the call (or stream) only. In CDI
 * it is injectable into {@code @MicroService} beans while they serve a call. Thread-safe.
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

    /**
     * Response metadata: pairs put here before the handler's answer (or a stream's first message) is written
     * travel back to the caller in the answer's headers. Names reserved by the wire are dropped.
     *
     * @return a mutable, thread-safe map
     */
    Map<String, String> responseMetadata();

    /**
     * Whether the call is over for the server: the caller cancelled it, its deadline passed or its connection
     * closed. A long-running handler polls this and stops; its answer would be dropped anyway.
     *
     * @return true once cancelled
     */
    boolean cancelled();
}
