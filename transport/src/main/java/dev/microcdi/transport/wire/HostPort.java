package dev.microcdi.transport.wire;

import dev.microcdi.api.MicroException;

/**
 * A {@code host:port} or {@code [v6]:port} address as configuration and the registry write it.
 *
 * @param host the host, without brackets
 * @param port the port, 0..65535
 */
public record HostPort(String host, int port) {

    /**
     * Parses an address.
     *
     * @param text {@code host:port} or {@code [v6]:port}
     * @param setting the setting or origin named in the error
     * @return the address
     * @throws MicroException 400 when the text is not an address
     */
    public static HostPort parse(String text, String setting) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw MicroException.badRequest("micro.config", "%s=%s is not host:port", setting, text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535 || host.isEmpty()) {
            throw MicroException.badRequest("micro.config", "%s=%s is not host:port", setting, text);
        }
        return new HostPort(host, port);
    }

    /**
     * Formats the address, bracketing IPv6 hosts.
     *
     * @return {@code host:port}
     */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
