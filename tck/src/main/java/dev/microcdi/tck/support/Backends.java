package dev.microcdi.tck.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks that a backend server answers on loopback before its tests run. With {@code CI=true} a missing server
 * fails the test (CI starts them with {@code scripts/backends.sh} and {@code scripts/etcd.sh}); elsewhere the
 * test is skipped with a message saying how to start it.
 */
public final class Backends {
    private Backends() {
    }

    /**
     * Requires a server on 127.0.0.1.
     *
     * @param name what the server is, for the message
     * @param port its port
     */
    public static void require(String name, int port) {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        String message = name + " is not answering on 127.0.0.1:" + port + "; start it with scripts/backends.sh (NATS, Redis) or scripts/etcd.sh";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(up, message);
        } else {
            Assumptions.assumeTrue(up, message);
        }
    }
}
