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

    /**
     * Runs {@code action} once when the call has ended on the server and the server calls no more handler
     * code for it: a unary call once its answer or error was handed to the connection, or the call was
     * abandoned (cancelled, deadline, connection closed); a stream once its end was sent (completed or failed)
     * or it was cancelled, reset or timed out, the server's subscription to the handler's response publisher
     * has been cancelled, and the handler's subscriber of the request stream, if it subscribed, has received
     * its last signal or cancelled. This is where per-call resources are released (CDI ends the request scope
     * of the call here); interceptors may use it to measure whole streams.
     *
     * <p>Actions run in the order they were added, on the thread that ends the call, or on a server worker
     * when the call ends on a network event loop (unless the server runs handlers on its event loops); an
     * action added after the end runs at once on the calling thread. An action that throws is logged and the
     * next one runs. Actions should not block.
     *
     * @param action what to run at the end of the call
     */
    void onEnd(Runnable action);
}
