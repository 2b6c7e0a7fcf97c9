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
        require(up, name + " is not answering on 127.0.0.1:" + port
                + "; start it with scripts/backends.sh (NATS, Redis) or scripts/etcd.sh");
    }

    /**
     * Requires something a test needs from the machine (a server, root, network namespaces): with
     * {@code CI=true} its absence fails the test, elsewhere it skips the test with {@code message}.
     *
     * @param available whether it is there
     * @param message what is missing and how to provide it
     */
    public static void require(boolean available, String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.assertTrue(available, message + " (CI=true: this test must run)");
        } else {
            Assumptions.assumeTrue(available, message);
        }
    }
}
