package dev.microcdi.transport.client;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.CallerRunsExecutor;
import dev.microcdi.api.client.Reply;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.registry.Node;
import dev.microcdi.api.selector.Selector;
import dev.microcdi.transport.wire.MessageInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;
import java.lang.System.Logger.Level;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One call: its attempts on successive nodes, its deadline and its result. Attempts run one after another;
 * their outcomes arrive on the event loop and are handled on the call's executor, which also completes
 * {@link #result}, so that callers' continuations never run on an event loop: the client's callback pool for
 * an asynchronous call, the waiting thread itself for a blocking one ({@link CallerRunsExecutor}).
 *
 * <p>Retry rules: an attempt whose request was never written (connection refused, reset before writing,
 * GOAWAY) is retried on another node for any endpoint; one that was written is retried only for an
 * idempotent call (connection lost while waiting, or a 503 answer); a 503 "not processed" answer is always
 * retried. A node that failed this call is never tried again by it. Before retry {@code k} the call waits a
 * random time between zero and {@code min(backoff.max, backoff.base * 2^(k-1))} (full jitter) on a timer,
 * never on a thread. Retries stop at the retry budget, or when the deadline would pass during the wait.
 *
 * <p>Node choice: ejected nodes ({@link OutlierDetector}) are left out of the candidates; when an ejected
 * node's ejection has run out, one attempt probes it instead of asking the selector. Every attempt is reported
 * once to the selector ({@code started}, then {@code mark}), the outlier detector and the attempt listeners.
 *
 * <p>The request body is encoded once into an unpooled heap buffer that every attempt writes a retained
 * duplicate of; the call never releases it (the garbage collector does), so an attempt racing the deadline
 * can never touch a released buffer.
 */
final class RetryingCall<T> implements DeadlineQueue.Timed {
    private static final System.Logger LOG = System.getLogger(RetryingCall.class.getName());
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<RetryingCall, Object> TIMER =
            AtomicReferenceFieldUpdater.newUpdater(RetryingCall.class, Object.class, "timer");
    private static final Object FINISHED = new Object();
    /** The timer state of a call whose deadline a connection's {@link DeadlineQueue} keeps. */
    private static final Object QUEUED = new Object();
    private final MucpClient client;
    private final Request request;
    private final Codec codec;
    private final ByteBuf body;
    private final Type responseType;
    private final CallOptions options;
    private final Selector selector;
    private final Executor executor;
    private final Duration timeout;
    private final long deadline;
    private final int maxAttempts;
    /** The caller's stage; cancelling it ({@code CompletableFuture.cancel}) resets the attempt in flight. */
    private final CompletableFuture<T> result = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                callerCancelled();
            }
            return cancelled;
        }
    };
    private List<String> failedAddresses = List.of();
    private int attempts;
    private MicroException lastError;
    private volatile Attempt current;
    /** Whether the caller asked for a {@link Reply}: the answer's value with its metadata. */
    private final boolean reply;
    /** Null until the deadline timer starts, then the timer or {@link #QUEUED}, then {@link #FINISHED}. */
    private volatile Object timer;

    RetryingCall(MucpClient client, Request request, Codec codec, ByteBuf body, Type responseType,
            CallOptions options, Selector selector, Executor executor, Duration timeout, int retries) {
        this.client = client;
        this.request = request;
        this.codec = codec;
        this.body = body;
        this.reply = Reply.isReplyType(responseType);
        this.responseType = reply ? Reply.valueType(responseType) : responseType;
        this.options = options;
        this.selector = selector;
        this.executor = executor;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.maxAttempts = retries + 1;
    }

    CompletableFuture<T> start() {
        nextAttempt();
        return result;
    }

    /** Starts the first attempt on {@code executor}, for a caller that must not pick the node itself. */
    CompletableFuture<T> startOn(Executor executor) {
        executor.execute(this::nextAttempt);
        return result;
    }

    /**
     * Starts the deadline timer on {@code loop} unless it runs already or the call is over. The connection
     * calls it on its event loop when it writes an attempt (a timer started there wakes no thread) and when
     * an attempt has to wait for its connection to open, so a call can never outlive its deadline waiting.
     */
    void armDeadline(EventExecutor loop) {
        if (timer != null) {
            return;
        }
        ScheduledFuture<?> t;
        try {
            t = loop.schedule(this::expire, remainingNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the client is closing: the call's next step fails it with 503
            return;
        }
        if (!TIMER.compareAndSet(this, null, t)) {
            t.cancel(false);
        }
    }

    /**
     * Starts the deadline timer as {@link #armDeadline(EventExecutor)} does, in a connection's queue of
     * deadlines when the call's deadline keeps it in order; on the queue's event loop.
     */
    void armDeadline(DeadlineQueue deadlines) {
        if (timer == null && deadlines.accepts(deadline) && TIMER.compareAndSet(this, null, QUEUED)) {
            deadlines.add(this);
        } else {
            armDeadline(deadlines.loop());
        }
    }

    @Override
    public long deadline() {
        return deadline;
    }

    Request request() {
        return request;
    }

    ByteBuf body() {
        return body;
    }

    String contentType() {
        return codec.contentType();
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    long remainingNanos() {
        return deadline - System.nanoTime();
    }

    MicroException deadlineError() {
        return MicroException.timeout("micro.client", "call to %s %s timed out after %s", request.service(),
                request.endpoint(), timeout);
    }

    private void nextAttempt() {
        if (result.isDone()) {
            return;
        }
        if (client.isClosed()) {
            fail(MicroException.unavailable("micro.client", "client is closed"));
            return;
        }
        List<Node> candidates;
        try {
            candidates = client.candidates(request.service(), options, failedAddresses);
        } catch (MicroException e) {
            fail(e);
            return;
        }
        if (candidates.isEmpty()) {
            fail(lastError != null ? lastError
                    : MicroException.unavailable("micro.client", "no node available for service %s", request.service()));
            return;
        }
        Node node = choose(candidates);
        selector.started(request.service(), node);
        client.attemptStarted(request, node);
        attempts++;
        Attempt attempt = new Attempt(this, node);
        current = attempt;
        ClientConnection connection;
        try {
            connection = client.connection(node.address());
        } catch (RuntimeException e) {
            attempt.settle();
            notWritten(attempt, e);
            return;
        }
        connection.send(attempt);
    }

    /** A direct address, a due probe of an ejected node, or the selector's pick among admitted nodes. */
    private Node choose(List<Node> candidates) {
        if (options.address() != null) {
            return candidates.get(0);
        }
        OutlierDetector outliers = client.outliers();
        if (!outliers.anyEjected()) {
            return selector.select(request.service(), candidates);
        }
        Node probe = outliers.claimProbe(candidates);
        return probe != null ? probe : selector.select(request.service(), outliers.admitted(candidates));
    }

    /** Reports the end of an attempt; {@code failure} is null when the node answered. */
    private void ended(Attempt attempt, MicroException failure) {
        selector.mark(request.service(), attempt.node, failure);
        if (options.address() == null && (failure == null || failure.code() != MicroException.CANCELLED)) {
            client.outliers().record(attempt.node, failure != null);
        }
        client.attemptEnded(request, attempt.node, failure);
    }

    /** The request never left: retry anywhere unless the failure is final (too large, deadline). */
    void notWritten(Attempt attempt, Throwable cause) {
        step(() -> {
            MicroException error = cause instanceof MicroException e ? e
                    : MicroException.unavailable("micro.client", "cannot reach %s at %s: %s", request.service(),
                            attempt.node.address(), describe(cause));
            ended(attempt, error);
            if (error.code() == MicroException.TOO_LARGE || error.code() == MicroException.TIMEOUT) {
                fail(error);
                return;
            }
            retry(attempt, error);
        });
    }

    /** The connection failed after the request was written: retry only an idempotent call. */
    void lost(Attempt attempt, Throwable cause) {
        step(() -> {
            MicroException error = MicroException.unavailable("micro.client",
                    "connection to %s at %s lost after sending %s: %s", request.service(), attempt.node.address(),
                    request.endpoint(), describe(cause));
            ended(attempt, error);
            if (options.idempotent()) {
                retry(attempt, error);
            } else {
                fail(error);
            }
        });
    }

    /** This side refused the answer (too large). */
    void failed(Attempt attempt, MicroException error) {
        step(() -> {
            ended(attempt, error);
            fail(error);
        });
    }

    /** The node answered; {@code payload} is the DATA, or null for an answer without one. */
    void answered(Attempt attempt, ByteBuf payload) {
        step(() -> {
            if (attempt.error != null) {
                if (payload != null) {
                    payload.release();
                }
                MicroException error = MicroException.parse(attempt.error);
                if (attempt.notProcessed || (error.code() == MicroException.UNAVAILABLE && options.idempotent())) {
                    ended(attempt, error);
                    retry(attempt, error);
                } else {
                    ended(attempt, error.code() == MicroException.UNAVAILABLE ? error : null);
                    fail(error);
                }
                return;
            }
            try {
                ended(attempt, null);
            } catch (RuntimeException | Error e) {
                // a selector that throws must not leak the answer's buffer; step() ends the call
                if (payload != null) {
                    payload.release();
                }
                throw e;
            }
            ByteBuf in = payload == null ? Unpooled.EMPTY_BUFFER : payload;
            Object value;
            try (MessageInputStream stream = new MessageInputStream(in)) {
                Codec answerCodec = attempt.contentType == null || attempt.contentType.equals(codec.contentType()) ? codec
                        : client.codec(attempt.contentType);
                value = answerCodec.decode(stream, responseType);
            } catch (MicroException e) {
                fail(e);
                return;
            } catch (Exception e) {
                fail(MicroException.badRequest("micro.codec", "cannot decode answer of %s: %s", request.endpoint(),
                        e.getMessage()));
                return;
            }
            @SuppressWarnings("unchecked")
            T typed = (T) (reply ? new Reply<>(value, attempt.metadata()) : value);
            if (result.complete(typed)) {
                finish();
            }
        });
    }

    /**
     * Runs one step of the call on its executor. A step that throws (a bug) ends the call with 500 rather than
     * leaving its caller waiting for an answer that no step will give.
     */
    private void step(Runnable step) {
        executor.execute(() -> {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "Call of " + request.service() + " " + request.endpoint() + " failed in the client",
                        e);
                fail(new MicroException("micro.client", MicroException.INTERNAL, "the client failed handling the call: "
                        + e, e));
            }
        });
    }

    private void retry(Attempt attempt, MicroException error) {
        // an attempt refused before it reached a connection (a node backing off) armed no timer, and the next
        // one may wait in the registry or a selector
        armDeadline(client.timers());
        lastError = error;
        if (failedAddresses.isEmpty()) {
            failedAddresses = new ArrayList<>(2);
        }
        failedAddresses.add(attempt.node.address());
        if (attempts >= maxAttempts) {
            fail(error);
            return;
        }
        long bound = client.balancing().backoffBoundNanos(attempts);
        long wait = bound == 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
        if (wait >= remainingNanos()) {
            fail(error);
        } else if (wait == 0) {
            nextAttempt();
        } else {
            client.schedule(() -> step(this::nextAttempt), wait);
        }
    }

    /** The deadline passed: the call ends with 408 on its executor unless it is over. */
    @Override
    public void expire() {
        step(() -> abandon(deadlineError()));
    }

    /** Ends the call with {@code error} unless it is over, resetting the attempt in flight. */
    void abandon(MicroException error) {
        if (result.completeExceptionally(error)) {
            Attempt a = current;
            if (a != null && a.cancel(error)) {
                ended(a, error);
            }
            finish();
        }
    }

    /**
     * The caller cancelled its stage: the attempt in flight is reset with 499, so the server stops the work, and
     * nothing is retried. The node is not counted as failing for it.
     */
    private void callerCancelled() {
        MicroException why = new MicroException("micro.client", MicroException.CANCELLED, "cancelled by the caller");
        Attempt a = current;
        if (a != null && a.cancel(why)) {
            ended(a, why);
        }
        finish();
    }

    private void fail(MicroException error) {
        if (result.completeExceptionally(error)) {
            finish();
        }
    }

    private void finish() {
        if (TIMER.getAndSet(this, FINISHED) instanceof ScheduledFuture<?> t) {
            t.cancel(false);
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
