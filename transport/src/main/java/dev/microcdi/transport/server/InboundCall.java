package dev.microcdi.transport.server;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.server.CallContext;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.transport.wire.HeaderBlock;
import dev.microcdi.transport.wire.WireHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;

/**
 * One unary call on the server: filled from its HEADERS and DATA on the event loop, then run on a worker
 * ({@link #run()}), answered exactly once by whichever thread finishes it (the handler's stage, or the
 * deadline timer).
 */
final class InboundCall implements Runnable, CallContext, HeaderBlock.Sink, BiConsumer<Object, Throwable> {
    private static final System.Logger LOG = System.getLogger(InboundCall.class.getName());
    private static final AtomicIntegerFieldUpdater<InboundCall> ANSWERED =
            AtomicIntegerFieldUpdater.newUpdater(InboundCall.class, "answered");

    private final ServerConnection connection;
    private final CallDispatcher dispatcher;
    final int streamId;
    private final long receivedAt;
    private String service;
    private String endpoint;
    private String contentType;
    private String callId;
    private String timeout;
    private Map<String, String> metadata;
    private long deadline;
    private boolean hasDeadline;
    private EndpointDefinition route;
    private Codec codec;
    private ByteBuf body;
    private boolean dispatched;
    private volatile boolean cancelled;
    private volatile int answered;
    private volatile ScheduledFuture<?> expiry;

    InboundCall(ServerConnection connection, CallDispatcher dispatcher, int streamId, long receivedAt) {
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.streamId = streamId;
        this.receivedAt = receivedAt;
    }

    @Override
    public void header(String name, String value) {
        switch (name) {
            case WireHeaders.SERVICE -> service = value;
            case WireHeaders.ENDPOINT -> endpoint = value;
            case WireHeaders.CONTENT_TYPE -> contentType = value;
            case WireHeaders.ID -> callId = value;
            case WireHeaders.TIMEOUT -> timeout = value;
            default -> {
                if (!WireHeaders.isReserved(name)) {
                    if (metadata == null) {
                        metadata = new HashMap<>();
                    }
                    metadata.put(name, value);
                }
            }
        }
    }

    /** Resolves the endpoint, codec and deadline from the headers; throws the error to answer. */
    void resolve() {
        if (service == null || endpoint == null) {
            throw MicroException.badRequest(CallDispatcher.SERVER_ID, "request without %s",
                    service == null ? WireHeaders.SERVICE : WireHeaders.ENDPOINT);
        }
        route = dispatcher.route(service, endpoint);
        // Go Micro's server assumes protobuf when the caller names no content type
        codec = dispatcher.codec(contentType == null ? "application/protobuf" : contentType);
        if (timeout != null) {
            long nanos;
            try {
                nanos = Long.parseLong(timeout);
            } catch (NumberFormatException e) {
                throw MicroException.badRequest(CallDispatcher.SERVER_ID, "timeout header is not a number: %s",
                        timeout);
            }
            if (nanos <= 0) {
                throw MicroException.timeout(CallDispatcher.SERVER_ID, "deadline of %s.%s passed before it arrived",
                        service, endpoint);
            }
            deadline = receivedAt + nanos;
            hasDeadline = true;
        }
        if (metadata == null) {
            metadata = Map.of();
        } else {
            metadata = Collections.unmodifiableMap(metadata);
        }
    }

    String callId() {
        return callId;
    }

    boolean dispatched() {
        return dispatched;
    }

    /** Takes the request body and hands the call to a worker; returns why it was refused, or null. */
    String dispatch(ByteBuf requestBody) {
        body = requestBody;
        dispatched = true;
        String refused = dispatcher.submit(this);
        if (refused != null) {
            body.release();
            body = null;
        }
        return refused;
    }

    /** The caller reset the stream or the connection closed: the answer, if any, is dropped. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public void run() {
        ByteBuf in = body;
        body = null;
        if (cancelled) {
            in.release();
            finish(null);
            return;
        }
        if (hasDeadline && System.nanoTime() - deadline >= 0) {
            in.release();
            fail(MicroException.timeout(CallDispatcher.SERVER_ID, "deadline of %s.%s passed before it started",
                    service, endpoint));
            return;
        }
        Object request;
        try (ByteBufInputStream stream = new ByteBufInputStream(in, true)) {
            request = codec.decode(stream, route.requestType());
        } catch (MicroException e) {
            fail(e);
            return;
        } catch (Exception e) {
            fail(MicroException.badRequest("micro.codec", "cannot decode request of %s.%s: %s", service, endpoint,
                    e.getMessage()));
            return;
        }
        CompletionStage<?> stage;
        try {
            stage = route.handler().handle(request, this);
        } catch (Throwable t) {
            handlerFailed(t);
            return;
        }
        if (stage == null) {
            handlerFailed(new IllegalStateException("handler of " + endpoint + " returned no result stage"));
            return;
        }
        if (hasDeadline && !stage.toCompletableFuture().isDone()) {
            expiry = connection.schedule(this::expire, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        stage.whenComplete(this);
    }

    /** The handler's stage completed. */
    @Override
    public void accept(Object value, Throwable failure) {
        if (failure != null) {
            handlerFailed(failure);
        } else if (hasDeadline && System.nanoTime() - deadline >= 0) {
            expire();
        } else if (answered == 0) {
            ByteBuf frames;
            try {
                frames = Answers.result(connection.alloc(), streamId, codec, value, callId);
            } catch (MicroException e) {
                LOG.log(Level.WARNING, () -> "Cannot encode the result of " + service + " " + endpoint, e);
                fail(e);
                return;
            }
            finish(frames);
        }
    }

    private void expire() {
        if (answered == 0) {
            fail(MicroException.timeout(CallDispatcher.SERVER_ID, "deadline of %s.%s exceeded", service, endpoint));
        }
    }

    private void handlerFailed(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof MicroException e) {
            fail(e);
            return;
        }
        Throwable logged = t;
        LOG.log(Level.WARNING, () -> "Endpoint " + endpoint + " of " + service + " failed", logged);
        String detail = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
        fail(new MicroException(service, MicroException.INTERNAL, detail));
    }

    private void fail(MicroException error) {
        if (answered == 0) {
            finish(Answers.error(connection.alloc(), streamId, error, false, callId));
        }
    }

    /** Answers once with {@code frames} (null when abandoned) and ends the call's accounting. */
    private void finish(ByteBuf frames) {
        if (!ANSWERED.compareAndSet(this, 0, 1)) {
            if (frames != null) {
                frames.release();
            }
            return;
        }
        ScheduledFuture<?> timer = expiry;
        if (timer != null) {
            timer.cancel(false);
        }
        if (frames != null) {
            connection.answer(this, frames);
        }
        dispatcher.done();
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Optional<Duration> remaining() {
        return hasDeadline ? Optional.of(Duration.ofNanos(deadline - System.nanoTime())) : Optional.empty();
    }
}
