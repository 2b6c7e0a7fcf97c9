package dev.microcdi.transport.server;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.server.CallContext;
import dev.microcdi.api.server.EndpointDefinition;
import dev.microcdi.transport.stream.InboundMessages;
import dev.microcdi.transport.stream.OutboundMessages;
import dev.microcdi.transport.wire.HeaderBlock;
import dev.microcdi.transport.wire.MessageInputStream;
import dev.microcdi.transport.wire.PeerSettings;
import dev.microcdi.transport.wire.WireHeaders;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.BiConsumer;

/**
 * One call on the server: filled from its HEADERS and DATA on the event loop, then run ({@link #run()}) on a
 * worker, or on that event loop when its endpoint does not block ({@link HandlerThreads}), answered exactly once by whichever thread finishes it (the handler's stage, the end of
 * its response stream, a cancellation, or the deadline timer).
 *
 * <p>Streams: when the endpoint streams requests, the handler gets an {@link InboundMessages} publisher fed
 * by the connection's DATA frames and the call is dispatched as soon as its HEADERS arrive; when it streams
 * responses, the publisher the handler returns is drained by an {@link OutboundMessages} at the pace of the
 * caller's credit, and the stream ends with a trailing HEADERS(END_STREAM), carrying the error if any.
 *
 * <p>The end of a call ({@link #onEnd}) waits for what keeps it open ("holds"): the call until it is answered or
 * abandoned, the request stream until the handler's subscriber got its last signal (or never subscribed by
 * then), and the subscription of a response publisher until {@code subscribe} returned.
 */
final class InboundCall implements Runnable, CallContext, HeaderBlock.Sink, BiConsumer<Object, Throwable>,
        OutboundMessages.Sink {
    private static final System.Logger LOG = System.getLogger(InboundCall.class.getName());
    private static final AtomicIntegerFieldUpdater<InboundCall> ANSWERED =
            AtomicIntegerFieldUpdater.newUpdater(InboundCall.class, "answered");
    private static final AtomicIntegerFieldUpdater<InboundCall> HOLDS =
            AtomicIntegerFieldUpdater.newUpdater(InboundCall.class, "holds");
    private static final AtomicIntegerFieldUpdater<InboundCall> REQUESTS_SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(InboundCall.class, "requestsSettled");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<InboundCall, List> END_ACTIONS =
            AtomicReferenceFieldUpdater.newUpdater(InboundCall.class, List.class, "endActions");
    /** The end actions once the call ended. */
    private static final List<Runnable> ENDED = List.of();

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
    private boolean onEventLoop;
    private Codec codec;
    private ByteBuf body;
    private boolean dispatched;
    private CallKind kind = CallKind.UNARY;
    private InboundMessages<Object> requests;
    private volatile OutboundMessages responses;
    private volatile CompletionStage<?> stage;
    private volatile Map<String, String> responseMetadata;
    private volatile boolean cancelled;
    private volatile int answered;
    private volatile ScheduledFuture<?> expiry;
    private volatile int holds = 1;
    private volatile int requestsSettled;
    /** Null, then an immutable list of actions, then {@link #ENDED}. */
    private volatile List<Runnable> endActions;

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
        ServerConnection.Route found = connection.route(service, endpoint, contentType);
        route = found.definition();
        kind = route.kind();
        onEventLoop = found.onEventLoop();
        codec = found.codec();
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

    /** Where the call's stream work and end actions run: see {@link CallDispatcher#streamExecutor}. */
    private Executor executor() {
        return dispatcher.streamExecutor(onEventLoop);
    }

    /** The service and endpoint called, for messages. */
    String describe() {
        return service + " " + endpoint;
    }

    String callId() {
        return callId;
    }

    CallKind kind() {
        return kind;
    }

    /** For an endpoint that streams requests: the publisher the handler reads, fed by the connection. */
    InboundMessages<Object> openRequests(WireLimits limits) {
        HOLDS.incrementAndGet(this);
        requests = new InboundMessages<>(executor(), route.requestType(), limits, codec,
                new InboundMessages.Peer() {
                    @Override
                    public void grant(int credit) {
                        connection.windowUpdate(streamId, credit);
                    }

                    @Override
                    public void cancel() {
                        // the handler stopped reading: later requests are dropped as they arrive
                    }

                    @Override
                    public void violated(MicroException error) {
                        abort(error);
                    }

                    @Override
                    public void settled() {
                        settleRequests();
                    }
                });
        return requests;
    }

    /** The request stream holds the call open no longer. */
    private void settleRequests() {
        if (REQUESTS_SETTLED.compareAndSet(this, 0, 1)) {
            release();
        }
    }

    /** A request message of a request stream, on the event loop. */
    void requestMessage(ByteBuf message, boolean last) {
        requests.offer(message);
        if (last) {
            requests.complete();
        }
    }

    /** The caller half-closed its request stream without a last message. */
    void requestsEnded() {
        if (requests != null) {
            requests.complete();
        }
    }

    /** The caller granted credit for responses. */
    void responseCredit(int credit) {
        OutboundMessages out = responses;
        if (out != null) {
            out.grant(credit);
        }
    }

    boolean dispatched() {
        return dispatched;
    }

    /** Takes the request body and runs the call here or hands it to a worker; returns why it was refused, or null. */
    String dispatch(ByteBuf requestBody) {
        body = requestBody;
        dispatched = true;
        String refused = dispatcher.submit(this, onEventLoop);
        if (refused != null) {
            body.release();
            body = null;
        }
        return refused;
    }

    /** The caller reset the stream or the connection closed: the work stops and the answer is dropped. */
    void cancel() {
        cancelled = true;
        if (answered == 0 && dispatched) {
            finish(null);
        }
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
        if (kind.streamsRequests()) {
            request = requests;
        } else {
            try (MessageInputStream stream = new MessageInputStream(in)) {
                request = codec.decode(stream, route.requestType());
            } catch (MicroException e) {
                fail(e);
                return;
            } catch (Exception e) {
                fail(MicroException.badRequest("micro.codec", "cannot decode request of %s.%s: %s", service,
                        endpoint, e.getMessage()));
                return;
            }
        }
        CompletionStage<?> result;
        try {
            result = route.handler().handle(request, this);
        } catch (Throwable t) {
            handlerFailed(t);
            return;
        }
        if (result == null) {
            handlerFailed(new IllegalStateException("handler of " + endpoint + " returned no result stage"));
            return;
        }
        stage = result;
        if (hasDeadline && (kind != CallKind.UNARY || !result.toCompletableFuture().isDone())) {
            expiry = connection.schedule(this::expire, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        if (answered != 0) {
            result.toCompletableFuture().cancel(false);
            return;
        }
        if (result instanceof CompletableFuture<?> done && done.isDone() && !done.isCompletedExceptionally()) {
            // answered at once: no dependent stage to allocate
            accept(done.join(), null);
        } else {
            result.whenComplete(this);
        }
    }

    /** The handler's stage completed. */
    @Override
    public void accept(Object value, Throwable failure) {
        if (answered != 0) {
            return;
        }
        if (failure != null) {
            handlerFailed(failure);
        } else if (hasDeadline && System.nanoTime() - deadline >= 0) {
            expire();
        } else if (kind.streamsResponses()) {
            respond(value);
        } else if (connection.inEventLoop()) {
            // written at once, into the batch of answers the connection gathers on this loop, before the call ends
            if (settle(false)) {
                if (!connection.answerNow(this, value)) {
                    connection.answer(this, resultFrames(value));
                }
                ended();
            }
        } else {
            finish(resultFrames(value));
        }
    }

    /** The frames of the result, or of the codec's error (500) when it cannot encode it. */
    private ByteBuf resultFrames(Object value) {
        try {
            return Answers.result(connection.alloc(), connection.headerBytes(), streamId, codec, value, callId,
                    responseMetadata);
        } catch (MicroException e) {
            LOG.log(Level.WARNING, () -> "Cannot encode the result of " + describe(), e);
            return Answers.error(connection.alloc(), streamId, e, false, callId);
        }
    }

    private void respond(Object value) {
        if (!(value instanceof Flow.Publisher<?> publisher)) {
            handlerFailed(new IllegalStateException("handler of streaming endpoint " + endpoint
                    + " did not complete with a Flow.Publisher"));
            return;
        }
        if (answered != 0) {
            return;
        }
        PeerSettings peer = connection.peer();
        OutboundMessages out = new OutboundMessages(codec, streamId, peer.maxMessageSize(), peer.streamWindow(),
                executor(), this);
        responses = out;
        connection.message(Answers.head(connection.alloc(), connection.headerBytes(), streamId, codec, callId,
                responseMetadata));
        HOLDS.incrementAndGet(this);
        executor().execute(() -> {
            try {
                publisher.subscribe(out);
            } catch (RuntimeException e) {
                out.onError(e);
            } finally {
                release();
            }
        });
    }

    @Override
    public ByteBufAllocator alloc() {
        return connection.alloc();
    }

    @Override
    public void message(ByteBuf frame) {
        if (answered != 0) {
            frame.release();
            return;
        }
        connection.message(frame);
    }

    @Override
    public void completed() {
        if (answered == 0) {
            finish(Answers.trailer(connection.alloc(), streamId, responseMetadata));
        }
    }

    @Override
    public void failed(Throwable failure) {
        handlerFailed(failure);
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
        if (!settle(frames == null)) {
            if (frames != null) {
                frames.release();
            }
            return;
        }
        if (frames != null) {
            connection.answer(this, frames);
        }
        ended();
    }

    /**
     * Claims the call's one answer and stops its work; false when it was answered already.
     *
     * @param abandoned whether no answer goes out (the caller reset the stream)
     */
    private boolean settle(boolean abandoned) {
        if (!ANSWERED.compareAndSet(this, 0, 1)) {
            return false;
        }
        ScheduledFuture<?> timer = expiry;
        if (timer != null) {
            timer.cancel(false);
        }
        stopWork(abandoned);
        return true;
    }

    /**
     * Writes the result frames into {@code out}, on the event loop, when the connection writes the answer.
     *
     * @throws MicroException (500) when the codec cannot encode the value
     */
    void writeResult(ByteBuf out, Object value) {
        Answers.writeResult(out, connection.headerBytes(), streamId, codec, value, callId, responseMetadata);
    }

    /** A result's size in bytes when the codec can tell it cheaply, else -1. */
    int resultSize(Object value) {
        return codec.encodedSize(value);
    }

    /** The answer is on its way: the call's accounting ends. */
    private void ended() {
        dispatcher.done();
        InboundMessages<Object> in = requests;
        if (in != null && !in.isSubscribed()) {
            settleRequests();
        }
        release();
    }

    /** One hold of the call is gone; the last one ends the call. */
    private void release() {
        if (HOLDS.decrementAndGet(this) == 0) {
            @SuppressWarnings("unchecked")
            List<Runnable> actions = END_ACTIONS.getAndSet(this, ENDED);
            if (actions == null || actions == ENDED) {
                return;
            }
            if (connection.inEventLoop()) {
                executor().execute(() -> actions.forEach(InboundCall::runEndAction));
            } else {
                actions.forEach(InboundCall::runEndAction);
            }
        }
    }

    private static void runEndAction(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "An end-of-call action failed", e);
        }
    }

    @Override
    public void onEnd(Runnable action) {
        Objects.requireNonNull(action, "action");
        while (true) {
            List<Runnable> current = endActions;
            if (current == ENDED) {
                runEndAction(action);
                return;
            }
            List<Runnable> next = new ArrayList<>(current == null ? 1 : current.size() + 1);
            if (current != null) {
                next.addAll(current);
            }
            next.add(action);
            if (END_ACTIONS.compareAndSet(this, current, List.copyOf(next))) {
                return;
            }
        }
    }

    /** Whether the caller reset the stream or the connection closed. */
    boolean reset() {
        return cancelled;
    }

    /** Ends the call with an error found by the connection (e.g. an oversize request message). */
    void abort(MicroException error) {
        fail(error);
    }

    /** Stops whatever still runs for this call once it is answered. */
    private void stopWork(boolean abandoned) {
        OutboundMessages out = responses;
        if (out != null) {
            out.cancel();
        }
        InboundMessages<Object> in = requests;
        if (in != null) {
            in.abort(new MicroException(CallDispatcher.SERVER_ID,
                    abandoned ? MicroException.CANCELLED : MicroException.TIMEOUT,
                    "the call of " + describe() + " is over"));
        }
        CompletionStage<?> s = stage;
        if (s != null && (abandoned || kind != CallKind.UNARY)) {
            s.toCompletableFuture().cancel(false);
        }
    }

    @Override
    public boolean cancelled() {
        return cancelled || answered != 0;
    }

    @Override
    public Map<String, String> responseMetadata() {
        Map<String, String> m = responseMetadata;
        if (m == null) {
            synchronized (this) {
                m = responseMetadata;
                if (m == null) {
                    m = new ConcurrentHashMap<>();
                    responseMetadata = m;
                }
            }
        }
        return m;
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
