package dev.microcdi.transport.client;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.client.ResponseMetadata;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.transport.stream.InboundMessages;
import dev.microcdi.transport.stream.OutboundMessages;
import dev.microcdi.transport.wire.Frames;
import dev.microcdi.transport.wire.HeaderBlock;
import dev.microcdi.transport.wire.WireHeaders;
import dev.microcdi.transport.wire.WireLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streaming call of the client, returned to the caller as a single-use publisher of responses. The
 * first subscription picks a node and opens the stream; responses flow through an {@link InboundMessages}
 * (credit granted as the subscriber consumes), requests of a request stream through an
 * {@link OutboundMessages} (taken from the caller's publisher as the server grants credit). A node that
 * cannot be reached is replaced by another within the retry budget; once the stream is open nothing is
 * retried. Wire events arrive on the connection's event loop.
 *
 * @param <T> the response type
 */
final class StreamCall<T> implements Flow.Publisher<T>, ResponseMetadata, HeaderBlock.Sink, InboundMessages.Peer,
        OutboundMessages.Sink {
    private final MucpClient client;
    private final Request request;
    private final CallKind kind;
    private final Codec codec;
    private final ByteBuf body;
    private final CallOptions options;
    private final Selector selector;
    private final Duration timeout;
    private final long deadline;
    private final int maxAttempts;
    private final InboundMessages<T> in;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean over = new AtomicBoolean();
    private final Map<String, String> responseMetadata = new ConcurrentHashMap<>();
    private final List<String> failedAddresses = new ArrayList<>(2);
    private int attempts;
    private Node node;
    private volatile ClientConnection connection;
    private volatile int streamId;
    private volatile OutboundMessages out;
    private volatile ScheduledFuture<?> timer;
    private String error;

    StreamCall(MucpClient client, Request request, CallKind kind, Codec codec, ByteBuf body, Type responseType,
            CallOptions options, Selector selector, Duration timeout, int retries, WireLimits limits) {
        this.client = client;
        this.request = request;
        this.kind = kind;
        this.codec = codec;
        this.body = body;
        this.options = options;
        this.selector = selector;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.maxAttempts = retries + 1;
        this.in = new InboundMessages<>(client::execute, responseType, limits, codec, this);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        in.subscribe(subscriber);
        if (started.compareAndSet(false, true)) {
            timer = client.schedule(() -> client.execute(this::expire), timeout.toNanos());
            client.execute(this::nextAttempt);
        }
    }

    Request request() {
        return request;
    }

    CallKind kind() {
        return kind;
    }

    ByteBuf body() {
        return body;
    }

    String contentType() {
        return codec.contentType();
    }

    long remainingNanos() {
        return deadline - System.nanoTime();
    }

    boolean isOver() {
        return over.get();
    }

    int streamId() {
        return streamId;
    }

    @Override
    public Map<String, String> responseMetadata() {
        return responseMetadata;
    }

    private void nextAttempt() {
        if (over.get()) {
            return;
        }
        List<Node> candidates;
        try {
            candidates = client.candidates(request.service(), options, failedAddresses);
        } catch (MicroException e) {
            end(e);
            return;
        }
        if (candidates.isEmpty()) {
            end(MicroException.unavailable("micro.client", "no node available for service %s", request.service()));
            return;
        }
        node = options.address() != null ? candidates.get(0) : selector.select(request.service(), candidates);
        attempts++;
        try {
            connection = client.connection(node.address());
        } catch (RuntimeException e) {
            notWritten(e);
            return;
        }
        connection.sendStream(this);
    }

    /** The stream could not be opened on the chosen node: try another within the budget. */
    void notWritten(Throwable cause) {
        client.execute(() -> {
            selector.mark(request.service(), node, cause);
            if (cause instanceof MicroException e && e.code() == MicroException.TOO_LARGE) {
                end(e);
                return;
            }
            failedAddresses.add(node.address());
            if (attempts < maxAttempts && remainingNanos() > 0 && !over.get()) {
                nextAttempt();
            } else {
                end(cause instanceof MicroException e ? e : MicroException.unavailable("micro.client",
                        "cannot reach %s at %s: %s", request.service(), node.address(), cause));
            }
        });
    }

    /** The event loop gave the stream its id and wrote its HEADERS. */
    void opened(int id) {
        this.streamId = id;
    }

    /** The opening frames left: start sending the request stream, as fast as the server grants credit. */
    void written(int peerWindow, long peerMaxMessageSize) {
        selector.mark(request.service(), node, null);
        if (!kind.streamsRequests()) {
            return;
        }
        OutboundMessages sender = new OutboundMessages(codec, streamId, peerMaxMessageSize, peerWindow,
                client::execute, this);
        out = sender;
        if (over.get()) {
            sender.cancel();
            return;
        }
        client.execute(() -> {
            try {
                ((Flow.Publisher<?>) request.body()).subscribe(sender);
            } catch (RuntimeException e) {
                failed(e);
            }
        });
    }

    @Override
    public void header(String name, String value) {
        switch (name) {
            case WireHeaders.CONTENT_TYPE -> {
                try {
                    in.codec(client.codec(value));
                } catch (MicroException e) {
                    error = e.toJson();
                }
            }
            case WireHeaders.ERROR -> error = value;
            default -> {
                if (!WireHeaders.isReserved(name)) {
                    responseMetadata.put(name, value);
                }
            }
        }
    }

    /** HEADERS arrived; {@code last} when they end the stream (the stream is already forgotten). */
    void onHeaders(boolean last) {
        if (error != null) {
            end(MicroException.parse(error), true);
        } else if (last) {
            finish();
        }
    }

    /** A response message; {@code last} when it ends the stream. */
    void onData(ByteBuf payload, boolean last) {
        in.offer(payload);
        if (last) {
            finish();
        }
    }

    /** The server reset the stream. */
    void onReset(int code) {
        end(new MicroException("micro.client", code, "the server reset the stream of " + request.endpoint()));
    }

    /** The server granted credit for more requests. */
    void onWindow(int credit) {
        OutboundMessages sender = out;
        if (sender != null) {
            sender.grant(credit);
        }
    }

    /** The connection failed while the stream was open. */
    void onLost(String why) {
        end(MicroException.unavailable("micro.client", "stream of %s to %s lost: %s", request.endpoint(),
                node.address(), why));
    }

    private void finish() {
        if (close()) {
            in.complete();
        }
    }

    /** Marks the stream over, once: stops the deadline timer and the request stream. */
    private boolean close() {
        if (!over.compareAndSet(false, true)) {
            return false;
        }
        stopTimer();
        OutboundMessages sender = out;
        if (sender != null) {
            sender.cancel();
        }
        return true;
    }

    private void end(MicroException failure) {
        end(failure, false);
    }

    private void end(MicroException failure, boolean inOrder) {
        if (close()) {
            in.fail(failure, inOrder);
        }
    }

    private void expire() {
        MicroException e = MicroException.timeout("micro.client", "stream of %s %s timed out after %s",
                request.service(), request.endpoint(), timeout);
        reset(MicroException.TIMEOUT);
        end(e);
    }

    private void reset(int code) {
        ClientConnection c = connection;
        if (c != null) {
            c.reset(this, code);
        }
    }

    private void stopTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    @Override
    public void grant(int credit) {
        ClientConnection c = connection;
        if (c != null && !over.get()) {
            c.windowUpdate(streamId, credit);
        }
    }

    @Override
    public void cancel() {
        if (close()) {
            reset(MicroException.CANCELLED);
        }
    }

    @Override
    public void violated(MicroException error) {
        reset(MicroException.BAD_REQUEST);
        end(error);
    }

    @Override
    public ByteBufAllocator alloc() {
        return connection.channel().alloc();
    }

    @Override
    public void message(ByteBuf frame) {
        if (over.get()) {
            frame.release();
            return;
        }
        connection.message(frame);
    }

    @Override
    public void completed() {
        if (!over.get()) {
            connection.message(Frames.endOfStream(alloc(), streamId));
        }
    }

    @Override
    public void failed(Throwable failure) {
        reset(MicroException.CANCELLED);
        end(failure instanceof MicroException e ? e : new MicroException("micro.client", MicroException.CANCELLED,
                "the request stream of " + request.endpoint() + " failed: " + failure, failure));
    }
}
