package dev.microcdi.api;

/**
 * The shape of an endpoint: how many messages travel each way.
 *
 * <ul>
 *   <li>{@link #UNARY}: one request, one response ({@code R m(Q)} or {@code CompletionStage<R> m(Q)}).</li>
 *   <li>{@link #SERVER_STREAM}: one request, a stream of responses ({@code Flow.Publisher<R> m(Q)}).</li>
 *   <li>{@link #CLIENT_STREAM}: a stream of requests, one response
 *       ({@code CompletionStage<R> m(Flow.Publisher<Q>)}).</li>
 *   <li>{@link #BIDI_STREAM}: a stream each way ({@code Flow.Publisher<R> m(Flow.Publisher<Q>)}).</li>
 * </ul>
 */
public enum CallKind {
    /** One request, one response. */
    UNARY,
    /** One request, a stream of responses. */
    SERVER_STREAM,
    /** A stream of requests, one response. */
    CLIENT_STREAM,
    /** A stream of requests and a stream of responses, independent of each other. */
    BIDI_STREAM;

    /**
     * Whether the caller sends a stream of requests.
     *
     * @return true for {@link #CLIENT_STREAM} and {@link #BIDI_STREAM}
     */
    public boolean streamsRequests() {
        return this == CLIENT_STREAM || this == BIDI_STREAM;
    }

    /**
     * Whether the server answers with a stream of responses.
     *
     * @return true for {@link #SERVER_STREAM} and {@link #BIDI_STREAM}
     */
    public boolean streamsResponses() {
        return this == SERVER_STREAM || this == BIDI_STREAM;
    }
}
