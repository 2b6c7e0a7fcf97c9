package dev.microcdi.example;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.client.AttemptListener;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.Service;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the attempts of calls per node id, as an {@link AttemptListener} bean the client notifies, for the
 * {@code call} summary: answered attempts, failed attempts, and attempts started on a node that the registry
 * view of this process (the cache the client selects from) no longer listed. Thread-safe.
 */
@ApplicationScoped
public class NodeTally implements AttemptListener {
    private final Map<String, Counts> nodes = new ConcurrentHashMap<>();
    private final Registry registry;

    /**
     * Creates the tally.
     *
     * @param registry the registry the client reads, to tell whether a node is still listed
     */
    @Inject
    public NodeTally(Registry registry) {
        this.registry = registry;
    }

    /** For the container's proxy. */
    protected NodeTally() {
        this.registry = null;
    }

    /** The counters of one node. */
    private static final class Counts {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder afterRemoval = new LongAdder();
        volatile boolean removed;
        volatile long removedAtMillis;
    }

    private Counts counts(String nodeId) {
        return nodes.computeIfAbsent(nodeId, id -> new Counts());
    }

    @Override
    public void attemptStarted(String service, String endpoint, Node node) {
        Counts c = counts(node.id());
        if (c.removed && !listed(service, node)) {
            c.afterRemoval.increment();
        }
    }

    /** Whether the registry view still lists the node; true when the registry cannot tell. */
    private boolean listed(String service, Node node) {
        try {
            for (Service s : registry.getService(service)) {
                for (Node n : s.nodes()) {
                    if (n.id().equals(node.id())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (MicroException unavailable) {
            return true;
        }
    }

    @Override
    public void attemptEnded(String service, String endpoint, Node node, MicroException failure) {
        Counts c = counts(node.id());
        if (failure == null) {
            c.ok.increment();
        } else {
            c.failed.increment();
        }
    }

    /**
     * Follows the registry: a deleted node is marked removed, a node that comes back is marked present.
     *
     * @param event a registry event of the called service
     */
    public void registryChanged(RegistryEvent event) {
        boolean removed = event.action() == RegistryEvent.Action.DELETE;
        long now = System.currentTimeMillis();
        for (Node n : event.service().nodes()) {
            Counts c = counts(n.id());
            c.removedAtMillis = removed ? now : 0;
            c.removed = removed;
        }
    }

    /**
     * One line per node that had attempts, sorted by id:
     * {@code node=<id> ok=<n> failed_attempts=<n>}, followed by
     * {@code removed=true attempts_after_removal=<n> removed_at_epoch_ms=<t>} for a node the registry removed
     * ({@code t}: when this process saw the removal, in milliseconds since the epoch).
     *
     * @return the lines
     */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(nodes).forEach((id, c) -> {
            if (c.ok.sum() + c.failed.sum() == 0 && !c.removed) {
                return;
            }
            String line = "node=" + id + " ok=" + c.ok.sum() + " failed_attempts=" + c.failed.sum();
            lines.add(c.removed ? line + " removed=true attempts_after_removal=" + c.afterRemoval.sum()
                    + " removed_at_epoch_ms=" + c.removedAtMillis : line);
        });
        return lines;
    }
}
