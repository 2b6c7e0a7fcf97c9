package dev.microcdi.api.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Serves the endpoints of one or more services on one port. Thread-safe.
 *
 * <p>Unknown services and endpoints are answered with 404, undecodable requests with 400, handler
 * failures with 500, calls whose deadline passed with 408, and calls that arrive while shutting down with
 * 503. Bad input on the wire never takes the process down.
 */
public interface Server extends AutoCloseable {

    /**
     * Adds a service; may be called before or after {@link #start()}.
     *
     * @param service the service
     * @throws dev.microcdi.api.MicroException 409 when a service of that name is already served
     */
    void register(ServiceDefinition service);

    /**
     * Binds the port and starts serving.
     *
     * @throws dev.microcdi.api.MicroException 500 when the port cannot be bound
     */
    void start();

    /**
     * The address other processes reach this server at: the advertised address when one is configured,
     * otherwise the bound one.
     *
     * @return {@code host:port}
     * @throws IllegalStateException before {@link #start()}
     */
    String address();

    /**
     * The node metadata that callers need to talk to this server, e.g. the protocols it speaks.
     *
     * @return the metadata to register with each node
     */
    Map<String, String> nodeMetadata();

    /**
     * Stops accepting calls and connections, lets calls in flight finish for up to {@code grace}, then
     * closes.
     *
     * @param grace the longest time to wait for calls in flight
     * @return completes when the server is closed
     */
    CompletionStage<Void> shutdown(Duration grace);

    /** Closes at once; calls in flight are abandoned. */
    @Override
    void close();
}
