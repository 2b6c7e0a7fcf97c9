package dev.microcdi.transport.server;

import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/**
 * A server whose port answers plain HTTP/1.1 requests beside the binary wire: a connection that starts with
 * an HTTP request line is handed to the installed handlers. This lets Go Micro's HTTP broker receive on the
 * RPC port, so that a process needs one port. Thread-safe.
 */
public interface HttpHost {

    /**
     * The address the server publishes.
     *
     * @return host:port
     * @throws IllegalStateException before the server started
     */
    String address();

    /**
     * Serves HTTP on this server's port from now on. For each new connection whose first bytes are an HTTP
     * request line, {@code installer} adds its handlers at the end of the connection's pipeline; they then
     * receive every byte of the connection, the request line included. Connections already handed over keep
     * their handlers.
     *
     * @param installer adds the HTTP handlers, or null to answer HTTP requests with 501 again (the default)
     */
    void serveHttp(Consumer<ChannelPipeline> installer);
}
