package dev.microcdi.transport.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the frames of many calls into one buffer. The connection handler above it in the pipeline, on the event
 * loop (while it handles a write, or writing a call of its own), writes a call's frames in place into
 * {@link #buffer(int)} and reports them with {@link #appended(ChannelPromise)} or
 * {@link #appended(ChannelFutureListener)}; the batch goes towards the socket at the next flush, before any other
 * message that passes this handler, or once it holds {@value #BATCH_BYTES} bytes. A call then costs no buffer of
 * its own, no entry in the channel's outbound buffer and no release after the write; the frames of one batch lie
 * side by side in memory that was just written. The promises and listeners of the calls in a batch learn the
 * outcome of its write. A batch still open when the channel closes is written and flushed first; one left when
 * the handler is removed is released and its calls fail. Code that encodes into the batch must not write to the
 * same channel meanwhile. Event loop only.
 */
public final class FrameBatcher extends ChannelOutboundHandlerAdapter {
    /** A batch this large is written without waiting for the flush, so that a batch stays in the CPU's cache. */
    public static final int BATCH_BYTES = 16 * 1024;
    private static final System.Logger LOG = System.getLogger(FrameBatcher.class.getName());
    /** Told the outcome of the batch's write: {@link ChannelPromise}s and {@link ChannelFutureListener}s. */
    private final List<Object> outcomes = new ArrayList<>();
    private ChannelHandlerContext ctx;
    private ByteBuf batch;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The batch, with room for at least {@code size} more bytes: frames written after its writer index go out
     * after everything written before. A writer that fails part way sets the writer index back to where it was.
     *
     * @param size the bytes about to be written (more may be written; the buffer grows)
     * @return the batch buffer, owned by this handler
     */
    public ByteBuf buffer(int size) {
        if (batch != null && batch.writableBytes() < size) {
            writeBatch(false);
        }
        if (batch == null) {
            batch = ctx.alloc().ioBuffer(Math.max(size, BATCH_BYTES));
        }
        return batch;
    }

    /**
     * The frames of a call were written into {@link #buffer(int)}.
     *
     * @param promise told the outcome of the batch's write; a void promise is not
     */
    public void appended(ChannelPromise promise) {
        if (!promise.isVoid()) {
            outcomes.add(promise);
        }
        appended();
    }

    /**
     * The frames of a call were written into {@link #buffer(int)}, by the call's own code rather than through a
     * write of the pipeline, so without a promise.
     *
     * @param listener told the outcome of the batch's write
     */
    public void appended(ChannelFutureListener listener) {
        outcomes.add(listener);
        appended();
    }

    private void appended() {
        if (batch.readableBytes() >= BATCH_BYTES) {
            writeBatch(false);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        writeBatch(false);
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writeBatch(false);
        ctx.flush();
    }

    /**
     * Sends the batch, if any, before an open channel closes: the answers of the last calls of a draining server
     * go out. A close with no batch touches nothing else (a flush there would disturb a connect in progress).
     */
    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (batch != null && ctx.channel().isActive()) {
            writeBatch(false);
            ctx.flush();
        } else {
            writeBatch(true);
        }
        ctx.close(promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        writeBatch(true);
    }

    /** Writes the batch, or with {@code drop} releases it and fails its calls. */
    private void writeBatch(boolean drop) {
        ByteBuf b = batch;
        if (b == null) {
            return;
        }
        batch = null;
        if (drop || !b.isReadable()) {
            b.release();
            // copied first: a listener may write to the channel, which appends to the list
            Object[] each = outcomes.toArray();
            outcomes.clear();
            settle(each, drop ? ctx.newFailedFuture(new ClosedChannelException()) : ctx.newSucceededFuture());
            return;
        }
        if (outcomes.isEmpty()) {
            ctx.write(b, ctx.voidPromise());
        } else if (outcomes.size() == 1) {
            Object only = outcomes.remove(0);
            if (only instanceof ChannelPromise promise) {
                ctx.write(b, promise);
            } else {
                ctx.write(b).addListener((ChannelFutureListener) only);
            }
        } else {
            Object[] each = outcomes.toArray();
            outcomes.clear();
            ctx.write(b).addListener((ChannelFutureListener) done -> settle(each, done));
        }
    }

    /** Tells the promises and listeners the outcome of a write. */
    private static void settle(Object[] each, ChannelFuture done) {
        for (Object o : each) {
            if (o instanceof ChannelPromise p) {
                if (done.isSuccess()) {
                    p.trySuccess();
                } else {
                    p.tryFailure(done.cause());
                }
            } else {
                try {
                    ((ChannelFutureListener) o).operationComplete(done);
                } catch (Throwable e) {
                    // as a promise does with a listener that throws, even an Error: the others are still told
                    LOG.log(System.Logger.Level.WARNING, "A listener of a batch write failed", e);
                }
            }
        }
    }
}
