package dev.microcdi.api.client;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import java.lang.reflect.Type;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Calls endpoints of remote services: selects a node per attempt, carries the deadline, and retries on
 * another node when the settings allow. Thread-safe; one client serves a whole application.
 *
 * <p>Errors are {@link MicroException}s: 503 when no node is available, 408 when the deadline passes, 400
 * when the request cannot be encoded, and the remote service's error as it sent it.
 */
public interface Client extends AutoCloseable {

    /**
     * Calls an endpoint without blocking. The call's continuations (decoding the answer, retry decisions) run on
     * {@link CallOptions#executor()} when the options name one, and on the client's own threads when they do not
     * or when that executor refuses a task.
     *
     * @param request the call
     * @param responseType the Java type of the response; {@link Reply#type(Type) Reply.type(T)} asks for a
     *                     {@link Reply}{@code <T>}, the answer decoded as {@code T} with the response metadata
     *                     the server sent, which every implementation honours
     * @param options the call options
     * @param <T> the response type
     * @return the response, or a stage failed with a {@link MicroException}
     */
    <T> CompletionStage<T> callAsync(Request request, Type responseType, CallOptions options);

    /**
     * Calls an endpoint without blocking and keeps the response metadata of the answer: the same call as
     * {@code callAsync(request, Reply.type(responseType), options)}, so client interceptors see the response
     * type {@code Reply<T>} and the {@link Reply}.
     *
     * @param request the call
     * @param responseType the Java type of the response
     * @param options the call options
     * @param <T> the response type
     * @return the answer with its response metadata, or a stage failed with a {@link MicroException}
     */
    default <T> CompletionStage<Reply<T>> replyAsync(Request request, Type responseType, CallOptions options) {
        return callAsync(request, Reply.type(responseType), options);
    }

    /**
     * Calls an endpoint and waits for the response. An interrupt gives the call up (its stage is cancelled) and
     * ends it with 408, leaving the thread's interrupt flag set.
     *
     * @param request the call
     * @param responseType the Java type of the response
     * @param options the call options
     * @param <T> the response type
     * @return the response
     * @throws MicroException on failure
     */
    default <T> T call(Request request, Type responseType, CallOptions options) {
        return Stages.await(callAsync(request, responseType, options));
    }

    /**
     * Calls an endpoint, waits for the answer and keeps its response metadata; see {@link #replyAsync}.
     *
     * @param request the call
     * @param responseType the Java type of the response
     * @param options the call options
     * @param <T> the response type
     * @return the answer with its response metadata
     * @throws MicroException on failure
     */
    default <T> Reply<T> reply(Request request, Type responseType, CallOptions options) {
        return call(request, Reply.type(responseType), options);
    }

    /**
     * Opens a stream to a streaming endpoint. Nothing is sent until the returned publisher is subscribed to;
     * each subscription opens a new stream on one node (a node that cannot be reached is replaced by another
     * within the retry budget; once the stream is open it is never retried).
     *
     * <p>Flow control: the subscriber's demand decides how fast responses are read; the server is granted
     * credit only for messages that were delivered, so a subscriber that stops requesting stops the server's
     * producer and holds at most one window of messages in memory. Requests are taken from the request
     * publisher only as fast as the server grants credit. Cancelling the subscription resets the stream
     * (the server sees its call cancelled). The deadline ({@link CallOptions#timeout()}, else
     * {@code micro.client.stream-timeout}) covers the whole stream; when it passes the stream is reset and
     * the subscriber gets a 408. Errors, including the server's, reach {@code onError} as
     * {@link MicroException}s.
     *
     * @param request the call; its body is the single request for {@link CallKind#SERVER_STREAM}, a
     *                {@link Flow.Publisher} of requests for {@link CallKind#CLIENT_STREAM} and
     *                {@link CallKind#BIDI_STREAM}
     * @param kind the shape of the endpoint; not {@link CallKind#UNARY}
     * @param requestType the Java type of each request, which chooses the codec when the request names none
     * @param responseType the Java type of each response
     * @param options the call options
     * @param <T> the response type
     * @return a publisher of the responses: one response for {@link CallKind#CLIENT_STREAM}; single-use
     */
    <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
            CallOptions options);

    /** Closes connections; calls in flight fail with 503. */
    @Override
    void close();
}
