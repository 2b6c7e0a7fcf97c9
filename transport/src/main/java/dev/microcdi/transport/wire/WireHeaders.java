package dev.microcdi.transport.wire;

/**
 * The reserved header names of the binary wire. They are lower case and matched exactly; every other name
 * is user metadata, passed through as sent. They mirror Go Micro's {@code Micro-*} headers so that the HTTP
 * wire can map onto them one to one.
 */
public final class WireHeaders {
    /** Request: the service called. */
    public static final String SERVICE = "micro-service";
    /** Request: the endpoint, {@code Interface.Method}. */
    public static final String ENDPOINT = "micro-endpoint";
    /** Request and answer: the codec of the DATA frame. */
    public static final String CONTENT_TYPE = "content-type";
    /** Request: the caller's remaining time in nanoseconds, decimal. */
    public static final String TIMEOUT = "timeout";
    /** Request, optional: an id the caller chose for the call; the answer echoes it. */
    public static final String ID = "micro-id";
    /** Answer: the error as Go Micro's JSON; the answer then has no DATA. */
    public static final String ERROR = "micro-error";
    /** Answer: {@code true} when the server did not run the handler, so any call may be retried elsewhere. */
    public static final String NOT_PROCESSED = "micro-not-processed";

    private WireHeaders() {
    }

    /**
     * The constant of a reserved name, so that comparing it with the constants takes no character compare;
     * any other string as it is.
     *
     * @param s a string
     * @return the constant equal to it, or {@code s}
     */
    public static String canonical(String s) {
        return switch (s) {
            case SERVICE -> SERVICE;
            case ENDPOINT -> ENDPOINT;
            case CONTENT_TYPE -> CONTENT_TYPE;
            case TIMEOUT -> TIMEOUT;
            case ID -> ID;
            case ERROR -> ERROR;
            case NOT_PROCESSED -> NOT_PROCESSED;
            default -> s;
        };
    }

    /**
     * Whether a name is reserved by the wire.
     *
     * @param name the header name
     * @return true for the names above
     */
    public static boolean isReserved(String name) {
        return switch (name) {
            case SERVICE, ENDPOINT, CONTENT_TYPE, TIMEOUT, ID, ERROR, NOT_PROCESSED -> true;
            default -> false;
        };
    }
}
