package dev.microcdi.transport.client;

import dev.microcdi.api.MicroException;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The reconnect backoff of each node address ({@link ReconnectSettings}): a failed connect or a dropped
 * connection sets the time before which the client does not connect to that address again, and until then
 * {@link #check} refuses with a 503 that says when the next connect may happen. A connection that is made
 * (the server's SETTINGS arrived) forgets the address's failures.
 *
 * <p>Only addresses with failures hold state; one whose wait ran out longer than the cap ago is forgotten
 * when another failure is recorded, so that addresses of nodes that went away do not accumulate. Time comes
 * from a ticker in nanoseconds, so that tests drive it. Thread-safe.
 */
final class ReconnectBackoff {
    private static final System.Logger LOG = System.getLogger(ReconnectBackoff.class.getName());

    private final ReconnectSettings settings;
    private final LongSupplier ticker;
    private final ConcurrentHashMap<String, Failures> addresses = new ConcurrentHashMap<>();

    /**
     * The failures in a row of one address, when it may be dialled again (ticker time), and the connection whose
     * failure was counted last.
     */
    private record Failures(int count, long retryAt, Object last) {
    }

    ReconnectBackoff(ReconnectSettings settings, LongSupplier ticker) {
        this.settings = settings;
        this.ticker = ticker;
    }

    /**
     * Allows a connect to an address, or refuses it while the address backs off.
     *
     * @throws MicroException 503 naming the failures and the time left before the next connect
     */
    void check(String address) {
        Failures f = addresses.get(address);
        if (f == null) {
            return;
        }
        long wait = f.retryAt() - ticker.getAsLong();
        if (wait > 0) {
            throw MicroException.unavailable("micro.client", "not connecting to %s: it failed %d time(s) in a row;"
                    + " next connect in %d ms", address, f.count(), TimeUnit.NANOSECONDS.toMillis(wait) + 1);
        }
    }

    /**
     * A connect to the address failed, or its connection dropped. Reported again for the same connection (each
     * thread that saw the failure reports it), it counts once: when a report returns, the address backs off.
     *
     * @param address the node address
     * @param connection the connection that failed
     */
    void failed(String address, Object connection) {
        if (settings.backoff().isZero()) {
            return;
        }
        long now = ticker.getAsLong();
        Failures f = addresses.compute(address, (a, previous) -> {
            if (previous != null && previous.last() == connection) {
                return previous;
            }
            int count = previous == null ? 1 : previous.count() + 1;
            long bound = settings.boundNanos(count);
            long wait = bound - ThreadLocalRandom.current().nextLong(bound / 2 + 1);
            return new Failures(count, now + wait, connection);
        });
        LOG.log(Level.DEBUG, () -> "Connection to " + address + " failed " + f.count() + " time(s) in a row;"
                + " next connect in " + TimeUnit.NANOSECONDS.toMillis(f.retryAt() - now) + " ms");
        long forgetAfter = settings.backoffMax().toNanos();
        addresses.values().removeIf(other -> now - other.retryAt() > forgetAfter);
    }

    /** A connection to the address is up: its next failure starts from the first wait again. */
    void connected(String address) {
        if (!addresses.isEmpty()) {
            addresses.remove(address);
        }
    }
}
