package dev.microcdi.tck.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the callbacks of each stream saw: per stream (named by the id of the request-scoped bean its method
 * saw), entries {@code <callback>=<bean id seen in the callback>}; and how often each bean was destroyed.
 */
@ApplicationScoped
public class ScopeJournal {
    private final Map<String, List<String>> streams = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> destroyed = new ConcurrentHashMap<>();

    /**
     * Journals a callback of a stream.
     *
     * @param stream the bean id that the stream's method saw
     * @param callback the callback
     * @param beanId the bean id that the callback saw
     */
    public void seen(String stream, String callback, String beanId) {
        streams.computeIfAbsent(stream, s -> new CopyOnWriteArrayList<>()).add(callback + "=" + beanId);
    }

    /**
     * Journals the destruction of a bean.
     *
     * @param beanId the bean's id
     */
    public void destroyed(String beanId) {
        destroyed.computeIfAbsent(beanId, b -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * The streams so far.
     *
     * @return stream to its entries, copied
     */
    public Map<String, List<String>> streams() {
        Map<String, List<String>> copy = new HashMap<>();
        streams.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /**
     * How often a bean was destroyed.
     *
     * @param beanId the bean's id
     * @return the count
     */
    public int destroyedCount(String beanId) {
        AtomicInteger n = destroyed.get(beanId);
        return n == null ? 0 : n.get();
    }
}
