package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.exec.WorkerPool;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Routes calls to endpoint handlers, on a bounded worker pool or on the event loop that read them (as
 * {@link HandlerThreads} decides per endpoint), and counts the calls in flight, so that a shutdown can wait for
 * them. Thread-safe.
 */
final class CallDispatcher {
    static final String SERVER_ID = "micro.server";

    private final Map<String, Map<String, EndpointDefinition>> services = new ConcurrentHashMap<>();
    private final Codecs codecs;
    private final WorkerPool workers;
    private final Executor workerStreamExecutor = this::executeStreamTask;
    private final HandlerThreads handlerThreads;
    private final EventLoopWatch watch;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private volatile boolean draining;

    CallDispatcher(Codecs codecs, int workerThreads, int queue, HandlerThreads handlerThreads, long spinNanos,
            Duration blockedHandlerWarning) {
        this.codecs = codecs;
        this.handlerThreads = handlerThreads;
        this.watch = new EventLoopWatch(blockedHandlerWarning);
        this.workers = new WorkerPool("micro-server-worker-", workerThreads, queue, TimeUnit.SECONDS.toNanos(60),
                spinNanos);
    }

    void register(ServiceDefinition service) {
        Map<String, EndpointDefinition> endpoints = new HashMap<>();
        for (EndpointDefinition e : service.endpoints()) {
            if (endpoints.putIfAbsent(e.name(), e) != null) {
                throw MicroException.badRequest(SERVER_ID, "service %s declares endpoint %s twice", service.name(),
                        e.name());
            }
        }
        if (services.putIfAbsent(service.name(), Map.copyOf(endpoints)) != null) {
            throw MicroException.of(SERVER_ID, MicroException.CONFLICT, "service %s is already served", service.name());
        }
    }

    /** The endpoint, or a 404 naming what is unknown. */
    EndpointDefinition route(String service, String endpoint) {
        Map<String, EndpointDefinition> endpoints = services.get(service);
        if (endpoints == null) {
            throw MicroException.notFound(SERVER_ID, "unknown service %s", service);
        }
        EndpointDefinition e = endpoints.get(endpoint);
        if (e == null) {
            throw MicroException.notFound(SERVER_ID, "unknown endpoint %s of service %s", endpoint, service);
        }
        return e;
    }

    /** Watches the event loop of a new connection for stalls; called on that loop. */
    void connected(EventExecutor loop) {
        watch.watch(loop);
    }

    /** Whether the endpoint's handler is called on the event loop that read the call. */
    boolean onEventLoop(EndpointDefinition endpoint) {
        return handlerThreads.onEventLoop(endpoint);
    }

    /**
     * Where a call's stream messages are decoded and delivered, its publishers are asked for more and its end
     * actions run: the calling thread (an event loop) for an endpoint called there; otherwise the workers, or
     * the common pool when their queue is full, so that a stream in progress never stalls for lack of a queue
     * slot.
     */
    Executor streamExecutor(boolean onEventLoop) {
        return onEventLoop ? Runnable::run : workerStreamExecutor;
    }

    private void executeStreamTask(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            ForkJoinPool.commonPool().execute(task);
        }
    }

    Codec codec(String contentType) {
        return codecs.forContentType(contentType);
    }

    boolean draining() {
        return draining;
    }

    /**
     * Runs a call at once on this event loop, or queues it for a worker.
     *
     * @return null when run or queued, else why it was refused (the handler did not run)
     */
    String submit(InboundCall call, boolean onEventLoop) {
        inFlight.incrementAndGet();
        if (draining) {
            done();
            return "server is shutting down";
        }
        if (onEventLoop) {
            call.run();
            return null;
        }
        try {
            workers.execute(call);
            return null;
        } catch (RejectedExecutionException e) {
            done();
            return workers.isShutdown() ? "server is shutting down" : "server is overloaded";
        }
    }

    /** A submitted call was answered or abandoned. */
    void done() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            idle.complete(null);
        }
    }

    /** Refuses new calls from now on; completes when no call is in flight. */
    CompletableFuture<Void> drain() {
        draining = true;
        if (inFlight.get() == 0) {
            idle.complete(null);
        }
        return idle;
    }

    void close() {
        draining = true;
        workers.shutdownNow();
        watch.close();
    }
}
