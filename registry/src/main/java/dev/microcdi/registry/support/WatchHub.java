package dev.microcdi.registry.support;

import dev.microcdi.api.registry.RegistryEvent;
import dev.microcdi.api.registry.Watcher;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The watchers of one registry. {@link #publish(RegistryEvent)} only queues: each watcher receives its events
 * on a pooled thread, one at a time and in publication order, so a slow listener delays neither the registry
 * nor other watchers. Callers that need a global order publish under their own lock.
 */
public final class WatchHub implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WatchHub.class.getName());

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor;

    /**
     * Creates a hub whose delivery threads carry the given name.
     *
     * @param threadName the name of the delivery threads
     */
    public WatchHub(String threadName) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Adds a watcher.
     *
     * @param service the service to watch, or null for every service
     * @param listener the listener
     * @return the watcher, which stops delivery when closed
     */
    public Watcher add(String service, Consumer<RegistryEvent> listener) {
        Subscription s = new Subscription(service, Objects.requireNonNull(listener, "listener"));
        subscriptions.add(s);
        return s;
    }

    /**
     * Queues an event for every watcher of its service.
     *
     * @param event the event
     */
    public void publish(RegistryEvent event) {
        for (Subscription s : subscriptions) {
            if (s.service == null || s.service.equals(event.service().name())) {
                s.offer(event);
            }
        }
    }

    /** Stops every watcher and the delivery threads. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        executor.shutdown();
    }

    /** One watcher: a queue drained by at most one task at a time. */
    private final class Subscription implements Watcher, Runnable {
        private final String service;
        private final Consumer<RegistryEvent> listener;
        private final Queue<RegistryEvent> queue = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean closed;

        Subscription(String service, Consumer<RegistryEvent> listener) {
            this.service = service;
            this.listener = listener;
        }

        void offer(RegistryEvent event) {
            if (closed) {
                return;
            }
            queue.add(event);
            schedule();
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    executor.execute(this);
                } catch (RejectedExecutionException e) {
                    draining.set(false);
                    queue.clear();
                }
            }
        }

        @Override
        public void run() {
            RegistryEvent event;
            while (!closed && (event = queue.poll()) != null) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A registry watcher failed on " + event.action() + " "
                            + event.service().name(), e);
                }
            }
            draining.set(false);
            // an event queued after the last poll but before the flag was cleared still needs a drain
            if (!closed && !queue.isEmpty()) {
                schedule();
            }
        }

        @Override
        public void close() {
            closed = true;
            subscriptions.remove(this);
            queue.clear();
        }
    }
}
