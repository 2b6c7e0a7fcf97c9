package dev.microcdi.api.registry;

import java.util.Map;
import java.util.Objects;

/**
 * One process serving a service.
 *
 * @param id unique among the nodes of a service, e.g. {@code greeter-5f0c...}
 * @param address where it listens, {@code host:port} ({@code [v6]:port} for IPv6)
 * @param metadata node metadata such as {@code protocol=mucp} and the wire the node speaks; never null
 */
public record Node(String id, String address, Map<String, String> metadata) {

    /**
     * Validates and copies the components.
     *
     * @param id unique among the nodes of a service, e.g. {@code greeter-5f0c...}
     * @param address where it listens, {@code host:port} ({@code [v6]:port} for IPv6)
     * @param metadata node metadata such as {@code protocol=mucp} and the wire the node speaks; never null
     */
    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(address, "address");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * The host part of {@link #address()}, without brackets.
     *
     * @return the host
     * @throws IllegalArgumentException when the address has no port
     */
    public String host() {
        int colon = portSeparator();
        String host = address.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The port part of {@link #address()}.
     *
     * @return the port
     * @throws IllegalArgumentException when the address has no valid port
     */
    public int port() {
        try {
            return Integer.parseInt(address.substring(portSeparator() + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("node address has no valid port: " + address, e);
        }
    }

    private int portSeparator() {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("node address is not host:port: " + address);
        }
        return colon;
    }
}
