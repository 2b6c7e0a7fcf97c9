package dev.microcdi.broker.http;

import dev.microcdi.transport.server.HttpHost;

/**
 * A broker that can receive its messages on the port of this process's RPC server instead of a listener of
 * its own, so that a process that serves and subscribes needs one port. The HTTP broker is one; the CDI
 * extension hands it the server when the process serves.
 */
public interface ServerPortSharing {

    /**
     * Receives on {@code server}'s port from {@link dev.microcdi.api.broker.Broker#connect()} on, unless
     * {@code micro.broker.http.address} names an address of the broker's own. Subscriber registrations then
     * carry the server's address.
     *
     * @param server the started RPC server
     * @throws IllegalStateException when the broker is connected already
     */
    void receiveOn(HttpHost server);
}
