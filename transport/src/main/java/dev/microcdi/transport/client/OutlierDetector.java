package dev.microcdi.transport.client;

import dev.microcdi.api.registry.Node;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Ejects nodes that fail in a row, per node address: after {@link BalancingSettings#ejectionFailures()}
 * consecutive failed attempts a node leaves selection for {@link BalancingSettings#ejectionTime()}; then one
 * call probes it. A probe that succeeds readmits the node and forgets its ejections; one that fails ejects it
 * again for twice as long (up to {@link BalancingSettings#ejectionMaxTime()}). Any answer from a node resets
 * its count of failures.
 *
 * <p>Only nodes with failures hold state, so a healthy cluster costs one map lookup per attempt. Time comes
 * from a ticker in nanoseconds, so that tests drive it. Thread-safe.
 */
final class OutlierDetector {
    private static final System.Logger LOG = System.getLogger(OutlierDetector.class.getName());

    private final BalancingSettings settings;
    private final LongSupplier ticker;
    private final ConcurrentHashMap<String, Health> nodes = new ConcurrentHashMap<>();
    private final AtomicInteger ejected = new AtomicInteger();

    /** The failures of one node; changed only inside the map's compute functions, read from any thread. */
    private static final class Health {
        int failures;
        int ejections;
        volatile boolean isEjected;
        boolean probing;
        long ejectedUntil;
    }

    /** What a recorded outcome changed, for logging outside the map's lock. */
    private enum Change { NONE, EJECTED, EJECTED_AGAIN, READMITTED }

    OutlierDetector(BalancingSettings settings, LongSupplier ticker) {
        this.settings = settings;
        this.ticker = ticker;
    }

    /** Whether some node is ejected now; when not, candidates need no filtering. */
    boolean anyEjected() {
        return ejected.get() > 0;
    }

    /** Whether a node is ejected (probing included). */
    boolean isEjected(String address) {
        Health h = nodes.get(address);
        return h != null && h.isEjected;
    }

    /** The nodes not ejected, or every node when all are ejected (a guess beats certain failure). */
    List<Node> admitted(List<Node> all) {
        List<Node> kept = new ArrayList<>(all.size());
        for (Node n : all) {
            if (!isEjected(n.address())) {
                kept.add(n);
            }
        }
        return kept.isEmpty() ? all : kept;
    }

    /**
     * Claims the probe of an ejected node whose ejection has run out, among the given nodes.
     *
     * @return the node to probe, or null when none is due
     */
    Node claimProbe(List<Node> all) {
        long now = ticker.getAsLong();
        for (Node n : all) {
            if (!isEjected(n.address())) {
                continue;
            }
            boolean[] claimed = new boolean[1];
            nodes.computeIfPresent(n.address(), (a, h) -> {
                if (h.isEjected && !h.probing && now - h.ejectedUntil >= 0) {
                    h.probing = true;
                    claimed[0] = true;
                }
                return h;
            });
            if (claimed[0]) {
                return n;
            }
        }
        return null;
    }

    /** Records the outcome of an attempt on a node. */
    void record(Node node, boolean failed) {
        String address = node.address();
        Change[] change = {Change.NONE};
        long[] ejectedFor = new long[1];
        if (!failed) {
            if (nodes.get(address) == null) {
                return;
            }
            nodes.computeIfPresent(address, (a, h) -> {
                if (h.isEjected) {
                    change[0] = Change.READMITTED;
                }
                return null;
            });
        } else if (settings.ejectionFailures() > 0) {
            long now = ticker.getAsLong();
            nodes.compute(address, (a, current) -> {
                Health h = current != null ? current : new Health();
                h.failures++;
                if (h.isEjected && h.probing) {
                    h.probing = false;
                    change[0] = Change.EJECTED_AGAIN;
                } else if (!h.isEjected && h.failures >= settings.ejectionFailures()) {
                    h.isEjected = true;
                    change[0] = Change.EJECTED;
                }
                if (change[0] != Change.NONE) {
                    h.ejections++;
                    ejectedFor[0] = settings.ejectionNanos(h.ejections);
                    h.ejectedUntil = now + ejectedFor[0];
                }
                return h;
            });
        }
        switch (change[0]) {
            case READMITTED -> {
                ejected.decrementAndGet();
                LOG.log(Level.INFO, "Node {0} at {1} answered again and is back in selection", node.id(), address);
            }
            case EJECTED, EJECTED_AGAIN -> {
                if (change[0] == Change.EJECTED) {
                    ejected.incrementAndGet();
                }
                LOG.log(Level.INFO, "Ejected node {0} at {1} for {2} ms after failed attempts in a row", node.id(),
                        address, ejectedFor[0] / 1_000_000);
            }
            case NONE -> {
                // nothing changed
            }
        }
    }
}
