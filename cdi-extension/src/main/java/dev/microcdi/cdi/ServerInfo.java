package dev.microcdi.cdi;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What this process serves as: its server id, the address it was reached at, and the node id it registers
 * for each service. Injectable ({@code @Inject ServerInfo info}) in any bean of the application.
 *
 * <p>The server id is {@code micro.server.id} when set, and the node id of every service is then that id;
 * otherwise the id is a random UUID per process and node ids are {@code <service>-<uuid>}, as in Go Micro.
 */
public final class ServerInfo {
    private final String id;
    private final boolean configured;
    private final Supplier<String> address;

    ServerInfo(String id, boolean configured, Supplier<String> address) {
        this.id = Objects.requireNonNull(id, "id");
        this.configured = configured;
        this.address = Objects.requireNonNull(address, "address");
    }

    /**
     * The server id.
     *
     * @return {@code micro.server.id}, or the random id of this process
     */
    public String id() {
        return id;
    }

    /**
     * The node id registered for a service.
     *
     * @param service the service name
     * @return the node id
     */
    public String nodeId(String service) {
        return configured ? id : service + "-" + id;
    }

    /**
     * The address registered for this process's nodes.
     *
     * @return {@code host:port}
     * @throws IllegalStateException before the server has started
     */
    public String address() {
        return address.get();
    }

    @Override
    public String toString() {
        return "ServerInfo[id=" + id + "]";
    }
}
