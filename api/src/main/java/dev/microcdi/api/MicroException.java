package dev.microcdi.api;

import java.util.Objects;

/**
 * The one error type of micro-cdi, carrying Go Micro's error shape so that errors cross the wire unchanged
 * between Java and Go services.
 *
 * <p>An error has an {@code id} (who raised it, e.g. {@code "micro.client"} or the service name), an HTTP-like
 * {@code code} (400 bad request, 404 not found, 408 timeout, 500 handler failure, 503 no node available...),
 * a human-readable {@code detail}, and a {@code status}, the HTTP reason phrase of the code. Its JSON form is
 * Go Micro's: {@code {"id":"greeter","code":500,"detail":"boom","status":"Internal Server Error"}}, with
 * empty fields left out.
 *
 * <p>Instances are immutable and safe to share between threads. {@link #getMessage()} returns the JSON form,
 * as Go Micro's {@code Error()} does.
 */
public class MicroException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Code for a request that cannot be decoded or is invalid. */
    public static final int BAD_REQUEST = 400;
    /** Code for a caller without valid credentials. */
    public static final int UNAUTHORIZED = 401;
    /** Code for a caller whose credentials do not grant access. */
    public static final int FORBIDDEN = 403;
    /** Code for an unknown service, endpoint or key. */
    public static final int NOT_FOUND = 404;
    /** Code for a deadline that expired. */
    public static final int TIMEOUT = 408;
    /** Code for a conflicting update (compare-and-set failed, lock held). */
    public static final int CONFLICT = 409;
    /** Code for a message larger than the configured limit. */
    public static final int TOO_LARGE = 413;
    /** Code for a content type that no codec handles. */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** Code for a call its caller cancelled, as nginx's 499 ("client closed request"). */
    public static final int CANCELLED = 499;
    /** Code for a failure inside a handler or a provider. */
    public static final int INTERNAL = 500;
    /** Code for an operation that this provider does not offer. */
    public static final int NOT_IMPLEMENTED = 501;
    /** Code for no node being available, or a server that is shutting down or overloaded. */
    public static final int UNAVAILABLE = 503;

    /** Who raised the error. */
    private final String id;
    /** The HTTP-like code. */
    private final int code;
    /** What went wrong. */
    private final String detail;
    /** The reason phrase of the code. */
    private final String status;

    /**
     * Creates an error whose status is the reason phrase of {@code code}.
     *
     * @param id who raised the error, e.g. {@code "micro.client"}; null becomes empty
     * @param code the HTTP-like error code, 0 when unknown
     * @param detail what went wrong, for humans; null becomes empty
     */
    public MicroException(String id, int code, String detail) {
        this(id, code, detail, statusText(code), null);
    }

    /**
     * Creates an error with a cause that stays local: the cause is never sent on the wire.
     *
     * @param id who raised the error
     * @param code the HTTP-like error code
     * @param detail what went wrong
     * @param cause the local cause, may be null
     */
    public MicroException(String id, int code, String detail, Throwable cause) {
        this(id, code, detail, statusText(code), cause);
    }

    /**
     * Creates an error with every field given, as parsed from the wire.
     *
     * @param id who raised the error
     * @param code the HTTP-like error code
     * @param detail what went wrong
     * @param status the status text; null becomes the reason phrase of {@code code}
     * @param cause the local cause, may be null
     */
    public MicroException(String id, int code, String detail, String status, Throwable cause) {
        super(null, cause);
        this.id = id == null ? "" : id;
        this.code = code;
        this.detail = detail == null ? "" : detail;
        this.status = status == null ? statusText(code) : status;
    }

    /**
     * Who raised the error.
     *
     * @return the id, never null
     */
    public String id() {
        return id;
    }

    /**
     * The HTTP-like code.
     *
     * @return the code, 0 when unknown
     */
    public int code() {
        return code;
    }

    /**
     * What went wrong, for humans.
     *
     * @return the detail, never null
     */
    public String detail() {
        return detail;
    }

    /**
     * The reason phrase of the code, e.g. {@code Not Found}.
     *
     * @return the status, never null
     */
    public String status() {
        return status;
    }

    @Override
    public String getMessage() {
        return toJson();
    }

    /**
     * Go Micro's JSON form of this error, empty fields left out.
     *
     * @return the JSON text
     */
    public String toJson() {
        return ErrorJson.write(this);
    }

    /**
     * Reads an error as Go Micro's {@code errors.Parse} does: the JSON form when the text is one, otherwise
     * an error with code 0 whose detail is the whole text.
     *
     * @param text the error text from the wire, may be null
     * @return the error, never null
     */
    public static MicroException parse(String text) {
        return ErrorJson.parse(text);
    }

    /**
     * Formats a detail message with {@link String#format}.
     *
     * @param id who raised the error
     * @param code the code
     * @param format the detail format
     * @param args its arguments
     * @return a new error
     */
    public static MicroException of(String id, int code, String format, Object... args) {
        return new MicroException(id, code, args.length == 0 ? format : String.format(format, args));
    }

    /**
     * A 400 error.
     *
     * @param id who raised it
     * @param format the detail format
     * @param args its arguments
     * @return a new error
     */
    public static MicroException badRequest(String id, String format, Object... args) {
        return of(id, BAD_REQUEST, format, args);
    }

    /**
     * A 404 error.
     *
     * @param id who raised it
     * @param format the detail format
     * @param args its arguments
     * @return a new error
     */
    public static MicroException notFound(String id, String format, Object... args) {
        return of(id, NOT_FOUND, format, args);
    }

    /**
     * A 408 error.
     *
     * @param id who raised it
     * @param format the detail format
     * @param args its arguments
     * @return a new error
     */
    public static MicroException timeout(String id, String format, Object... args) {
        return of(id, TIMEOUT, format, args);
    }

    /**
     * A 500 error.
     *
     * @param id who raised it
     * @param format the detail format
     * @param args its arguments
     * @return a new error
     */
    public static MicroException internal(String id, String format, Object... args) {
        return of(id, INTERNAL, format, args);
    }

    /**
     * A 503 error.
     *
     * @param id who raised it
     * @param format the detail format
     * @param args its arguments
     * @return a new error
     */
    public static MicroException unavailable(String id, String format, Object... args) {
        return of(id, UNAVAILABLE, format, args);
    }

    /**
     * The HTTP reason phrase of a code, as Go's {@code http.StatusText} gives it.
     *
     * @param code the code
     * @return the phrase, empty for an unknown code
     */
    public static String statusText(int code) {
        return switch (code) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Request Entity Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MicroException e && code == e.code && id.equals(e.id) && detail.equals(e.detail)
                && status.equals(e.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, code, detail, status);
    }
}
