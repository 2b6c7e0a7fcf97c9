package dev.microcdi.transport.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.registry.Node;
import dev.microcdi.transport.wire.HeaderBlock;
import dev.microcdi.transport.wire.WireHeaders;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One try of a call on one node. Its outcome reaches the call exactly once ({@link #settle()}); the stream
 * fields are set on the connection's event loop when the request is written.
 */
final class Attempt implements HeaderBlock.Sink, ChannelFutureListener {
    private static final AtomicIntegerFieldUpdater<Attempt> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "settled");

    final RetryingCall<?> call;
    final Node node;
    volatile ClientConnection connection;
    int streamId;
    volatile boolean written;
    String contentType;
    String error;
    boolean notProcessed;
    private Map<String, String> metadata;
    private volatile int settled;

    Attempt(RetryingCall<?> call, Node node) {
        this.call = call;
        this.node = node;
    }

    /** Whether the outcome was claimed ({@link #settle()}). */
    boolean isSettled() {
        return settled != 0;
    }

    /** Claims the right to report the outcome; true once. */
    boolean settle() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    @Override
    public void header(String name, String value) {
        switch (name) {
            case WireHeaders.CONTENT_TYPE -> contentType = value;
            case WireHeaders.ERROR -> error = value;
            case WireHeaders.NOT_PROCESSED -> notProcessed = "true".equals(value);
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

    /** The answer's echo of the call id, and any timeout, are of no use here. */
    @Override
    public boolean skips(String name) {
        return WireHeaders.ID.equals(name) || WireHeaders.TIMEOUT.equals(name);
    }

    /** The response metadata of the answer, read on the event loop before the outcome is reported. */
    Map<String, String> metadata() {
        return metadata == null ? Map.of() : metadata;
    }

    /** The request write finished: written, or refused before any byte left. */
    @Override
    public void operationComplete(ChannelFuture future) {
        if (future.isSuccess()) {
            written = true;
            return;
        }
        ClientConnection c = connection;
        if (c != null) {
            c.forget(this);
        }
        if (settle()) {
            call.notWritten(this, future.cause());
        }
    }

    /**
     * The call gave up (deadline, interrupt, or its caller cancelled it): reset the stream if it is open.
     *
     * @param why the call's error, whose code the reset carries to the server
     * @return whether this claimed the outcome, i.e. no other outcome was reported
     */
    boolean cancel(MicroException why) {
        ClientConnection c = connection;
        if (c != null) {
            c.cancel(this, why);
        }
        return settle();
    }
}
