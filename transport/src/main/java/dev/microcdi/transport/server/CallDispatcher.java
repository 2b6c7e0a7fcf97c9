package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.api.server.ServiceDefinition;
import dev.microcdi.transport.exec.WorkerPool;
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
 * Routes calls to endpoint handlers on a bounded worker pool and counts the calls in flight, so that a
 * shutdown can wait for them. Thread-safe.
 */
final class CallDispatcher {
    static final String SERVER_ID = "micro.server";

    private final Map<String, Map<String, EndpointDefinition>> services = new ConcurrentHashMap<>();
    private final Codecs codecs;
    private final WorkerPool workers;
    private final Executor streamExecutor;
    private final boolean direct;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private volatile boolean draining;

    CallDispatcher(Codecs codecs, int workerThreads, int queue, boolean direct, long spinNanos) {
        this.codecs = codecs;
        this.direct = direct;
        this.streamExecutor = direct ? Runnable::run : this::executeStreamTask;
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

    /**
     * Where stream messages are decoded and delivered and publishers are asked for more: the workers, or
     * the common pool when their queue is full, so that a stream in progress never stalls for lack of a
     * queue slot; the calling thread (an event loop) with direct handlers.
     */
    Executor streamExecutor() {
        return streamExecutor;
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
     * Queues a call for a worker.
     *
     * @return null when queued, else why it was refused (the handler did not run)
     */
    String submit(Runnable call) {
        inFlight.incrementAndGet();
        if (draining) {
            done();
            return "server is shutting down";
        }
        if (direct) {
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
    }
}
