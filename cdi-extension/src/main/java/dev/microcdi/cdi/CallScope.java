package dev.microcdi.cdi;

import dev.microcdi.api.server.CallContext;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The request scope and the {@link CallContext} of one call that a {@code @MicroService} bean serves, for the
 * whole call: the interceptors and the bean method, and for streams every later entry into the service's
 * code, i.e. the server subscribing to the response publisher and requesting from or cancelling it, and
 * the request stream's signals to the service's subscriber. Each such entry runs through {@link #call}, which
 * makes this scope the active request context ({@link CallRequestContext}) and the call the
 * {@link CurrentCall} of the thread for its duration. The {@code @RequestScoped} instances of the call are
 * destroyed once, when the server reports the end of the call ({@link CallContext#onEnd}) and no entry runs
 * any more. An entry that comes after that (a publisher that signals {@code onSubscribe} late) runs without
 * a request context. Thread-safe: entries of one stream may run on several threads.
 */
final class CallScope {
    private static final System.Logger LOG = System.getLogger(CallScope.class.getName());
    private static final AtomicIntegerFieldUpdater<CallScope> STATE =
            AtomicIntegerFieldUpdater.newUpdater(CallScope.class, "state");
    private static final int DESTROYED = -1;

    private final CallRequestContext context;
    private final CurrentCall current;
    private final CallContext call;
    private final RequestScopeEvents events;
    /** Entries running now, or {@link #DESTROYED}. */
    private volatile int state;
    private volatile boolean ended;
    private volatile Map<Contextual<?>, Instance<?>> instances;

    /** One {@code @RequestScoped} instance of the call. */
    private record Instance<T>(Contextual<T> contextual, T instance, CreationalContext<T> creationalContext) {
        void destroy() {
            contextual.destroy(instance, creationalContext);
        }
    }

    private CallScope(CallRequestContext context, CurrentCall current, CallContext call, RequestScopeEvents events) {
        this.context = context;
        this.current = current;
        this.call = call;
        this.events = events;
    }

    /**
     * The scope of a call that starts now; it ends when the server reports the end of the call. Its
     * {@code @Initialized(RequestScoped.class)} event fires now, with the scope active.
     */
    static CallScope open(CallRequestContext context, CurrentCall current, CallContext call,
            RequestScopeEvents events) {
        CallScope scope = new CallScope(context, current, call, events);
        call.onEnd(scope::end);
        scope.run(() -> events.initialized(call));
        return scope;
    }

    /** Runs code of the call with its request context and call context active on this thread. */
    <T> T call(Callable<T> code) throws Exception {
        if (!enter()) {
            return code.call();
        }
        try {
            return active(code);
        } finally {
            exit();
        }
    }

    /** Runs code with this scope as the thread's request context and its call as the thread's call. */
    private <T> T active(Callable<T> code) throws Exception {
        CallScope previousScope = context.enter(this);
        CallContext previousCall = current.enter(call);
        try {
            return code.call();
        } finally {
            current.leave(previousCall);
            context.leave(previousScope);
        }
    }

    /** {@link #call} for a callback that throws no checked exception. */
    void run(Runnable code) {
        unchecked(() -> call(Executors.callable(code)));
    }

    /** Runs code that throws no checked exception where a {@link Callable} is expected. */
    private static void unchecked(Callable<?> code) {
        try {
            code.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean enter() {
        while (true) {
            int s = state;
            if (s == DESTROYED) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                return true;
            }
        }
    }

    private void exit() {
        if (STATE.decrementAndGet(this) == 0 && ended && STATE.compareAndSet(this, 0, DESTROYED)) {
            destroyAll();
        }
    }

    /** The server ended the call: destroy its instances now, or when the last running entry returns. */
    void end() {
        ended = true;
        if (STATE.compareAndSet(this, 0, DESTROYED)) {
            destroyAll();
        }
    }

    /** Destroys the call's instances between its {@code @BeforeDestroyed} (scope active) and {@code @Destroyed}. */
    private void destroyAll() {
        unchecked(() -> active(Executors.callable(() -> events.beforeDestroyed(call))));
        Map<Contextual<?>, Instance<?>> all;
        synchronized (this) {
            all = instances;
            instances = null;
        }
        if (all != null) {
            destroyInstances(all);
        }
        events.destroyed(call);
    }

    private void destroyInstances(Map<Contextual<?>, Instance<?>> all) {
        for (Instance<?> i : all.values()) {
            try {
                i.destroy();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Destroying a request-scoped bean of " + call.service() + " "
                        + call.endpoint() + " failed", e);
            }
        }
    }

    <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        T existing = get(contextual);
        if (existing != null) {
            return existing;
        }
        // creating may ask for other request-scoped beans on this thread: the lock is reentrant
        synchronized (this) {
            Map<Contextual<?>, Instance<?>> map = instances;
            if (map == null) {
                map = new ConcurrentHashMap<>();
                instances = map;
            }
            @SuppressWarnings("unchecked")
            Instance<T> i = (Instance<T>) map.get(contextual);
            if (i == null) {
                i = new Instance<>(contextual, contextual.create(creationalContext), creationalContext);
                map.put(contextual, i);
            }
            return i.instance();
        }
    }

    <T> T get(Contextual<T> contextual) {
        Map<Contextual<?>, Instance<?>> map = instances;
        if (map == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Instance<T> i = (Instance<T>) map.get(contextual);
        return i == null ? null : i.instance();
    }

    void destroy(Contextual<?> contextual) {
        Map<Contextual<?>, Instance<?>> map = instances;
        Instance<?> i = map == null ? null : map.remove(contextual);
        if (i != null) {
            i.destroy();
        }
    }

    /** The request stream as the service sees it: its signals to the service's subscriber run in this scope. */
    Flow.Publisher<Object> requests(Flow.Publisher<?> requests) {
        return subscriber -> requests.subscribe(new Flow.Subscriber<Object>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                run(() -> subscriber.onSubscribe(subscription));
            }

            @Override
            public void onNext(Object item) {
                run(() -> subscriber.onNext(item));
            }

            @Override
            public void onError(Throwable failure) {
                run(() -> subscriber.onError(failure));
            }

            @Override
            public void onComplete() {
                run(() -> subscriber.onComplete());
            }
        });
    }

    /**
     * The response stream as the server sees it: subscribing to the service's publisher, and requesting from
     * or cancelling its subscription, run in this scope. After a cancel, requests are not passed on (they
     * are no-ops by the Reactive Streams rules).
     */
    Flow.Publisher<Object> responses(Flow.Publisher<?> responses) {
        return subscriber -> run(() -> responses.subscribe(new Flow.Subscriber<Object>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    private volatile boolean cancelled;

                    @Override
                    public void request(long n) {
                        if (!cancelled) {
                            run(() -> subscription.request(n));
                        }
                    }

                    @Override
                    public void cancel() {
                        cancelled = true;
                        run(subscription::cancel);
                    }
                });
            }

            @Override
            public void onNext(Object item) {
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        }));
    }
}
