package dev.microcdi.tck.cdi;

import dev.microcdi.api.server.CallContext;
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
    private final Map<CallContext, String> beanOfCall = new ConcurrentHashMap<>();
    private final Map<String, List<String>> endEvents = new ConcurrentHashMap<>();

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
     * Journals the start of a call's request context and the bean it saw.
     *
     * @param call the call
     * @param beanId the request-scoped bean's id
     */
    public void started(CallContext call, String beanId) {
        beanOfCall.put(call, beanId);
    }

    /**
     * Journals the end of a call's request context ({@code @Destroyed}): whether its bean was destroyed by then.
     *
     * @param call the call
     */
    public void ended(CallContext call) {
        String beanId = beanOfCall.get(call);
        if (beanId != null) {
            endEvents.computeIfAbsent(beanId, b -> new CopyOnWriteArrayList<>())
                    .add(destroyedCount(beanId) == 1 ? "after its bean" : "before its bean");
        }
    }

    /**
     * The {@code @Destroyed} events of the stream that saw a bean.
     *
     * @param beanId the bean's id
     * @return one entry per event: "after its bean" or "before its bean"
     */
    public List<String> endEvents(String beanId) {
        List<String> events = endEvents.get(beanId);
        return events == null ? List.of() : List.copyOf(events);
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
