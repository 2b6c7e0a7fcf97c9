package dev.microcdi.example;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.client.AttemptListener;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.registry.RegistryEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the attempts of calls per node id, as an {@link AttemptListener} bean the client notifies, for the
 * {@code call} summary: answered attempts, failed attempts, and attempts started after the registry told this
 * process that the node was gone. Thread-safe.
 */
@ApplicationScoped
public class NodeTally implements AttemptListener {
    private final Map<String, Counts> nodes = new ConcurrentHashMap<>();

    /** The counters of one node. */
    private static final class Counts {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder afterRemoval = new LongAdder();
        volatile boolean removed;
    }

    private Counts counts(String nodeId) {
        return nodes.computeIfAbsent(nodeId, id -> new Counts());
    }

    @Override
    public void attemptStarted(String service, String endpoint, Node node) {
        Counts c = counts(node.id());
        if (c.removed) {
            c.afterRemoval.increment();
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
        for (Node n : event.service().nodes()) {
            counts(n.id()).removed = removed;
        }
    }

    /**
     * One line per node that had attempts, sorted by id:
     * {@code node=<id> ok=<n> failed_attempts=<n>}, followed by
     * {@code removed=true attempts_after_removal=<n>} for a node the registry removed.
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
            lines.add(c.removed ? line + " removed=true attempts_after_removal=" + c.afterRemoval.sum() : line);
        });
        return lines;
    }
}
