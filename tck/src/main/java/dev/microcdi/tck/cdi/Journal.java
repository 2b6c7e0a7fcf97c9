package dev.microcdi.tck.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records, in order, what the interceptors of a test saw. */
@ApplicationScoped
public class Journal {
    private final List<String> entries = new CopyOnWriteArrayList<>();

    /**
     * Adds an entry.
     *
     * @param entry the entry
     */
    public void add(String entry) {
        entries.add(entry);
    }

    /**
     * The entries so far.
     *
     * @return a copy
     */
    public List<String> entries() {
        return List.copyOf(entries);
    }

    /** Forgets the entries. */
    public void clear() {
        entries.clear();
    }
}
