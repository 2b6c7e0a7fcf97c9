package dev.microcdi.api.client;

import dev.microcdi.api.selector.ServiceFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Options of one call. Unset values fall back to the client's configuration ({@code micro.client.*}).
 *
 * @param timeout the deadline of the whole call including retries, or null for {@code micro.client.timeout}
 * @param retries how many more nodes to try after the first attempt fails, or -1 for
 *                {@code micro.client.retries}
 * @param idempotent whether the endpoint may run more than once, which allows a retry after the request
 *                   was written
 * @param address a {@code host:port} to call directly without the registry and selector, or null
 * @param filters filters applied to the service's nodes before selection; never null
 * @param selector the name of the selection strategy for this call ({@code random}, {@code round-robin},
 *                 {@code least-requests}...), or null for the service's configured one
 *                 ({@code micro.client."service".selector}, else {@code micro.client.selector})
 * @param executor where a unary call's continuations run (decoding the answer, deciding on a retry) and its
 *                 stage completes, or null for the client's callback threads; a task it rejects runs there too.
 *                 Compared by identity, like every executor
 */
public record CallOptions(Duration timeout, int retries, boolean idempotent, String address,
        List<ServiceFilter> filters, String selector, Executor executor) {

    /** No option set: every value comes from the client's configuration. */
    public static final CallOptions DEFAULT = new CallOptions(null, -1, false, null, List.of(), null, null);

    /**
     * Validates and copies the components.
     *
     * @param timeout the deadline of the whole call including retries, or null for {@code micro.client.timeout}
     * @param retries how many more nodes to try after the first attempt fails, or -1 for
     *   {@code micro.client.retries}
     * @param idempotent whether the endpoint may run more than once, which allows a retry after the request
     *   was written
     * @param address a {@code host:port} to call directly without the registry and selector, or null
     * @param filters filters applied to the service's nodes before selection; never null
     * @param selector the name of the selection strategy for this call, or null for the configured one
     * @param executor where a unary call's continuations run, or null for the client's callback threads
     */
    public CallOptions {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (retries < -1) {
            throw new IllegalArgumentException("retries must be -1 (default) or more: " + retries);
        }
        filters = filters == null ? List.of() : List.copyOf(filters);
        if (selector != null && selector.isBlank()) {
            throw new IllegalArgumentException("selector must not be blank");
        }
    }

    /**
     * These options with another deadline.
     *
     * @param value a positive duration, or null for {@code micro.client.timeout}
     * @return the new options
     * @throws IllegalArgumentException when the duration is not positive
     */
    public CallOptions withTimeout(Duration value) {
        return new CallOptions(value, retries, idempotent, address, filters, selector, executor);
    }

    /**
     * These options with another executor for the call's continuations.
     *
     * @param value the executor, or null for the client's callback threads
     * @return the new options
     */
    public CallOptions withExecutor(Executor value) {
        return new CallOptions(timeout, retries, idempotent, address, filters, selector, value);
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CallOptions}; not thread-safe. */
    public static final class Builder {
        private Duration timeout;
        private int retries = -1;
        private boolean idempotent;
        private String address;
        private final List<ServiceFilter> filters = new ArrayList<>();
        private String selector;
        private Executor executor;

        private Builder() {
        }

        /**
         * Sets the call deadline.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /**
         * Sets how many other nodes may be tried.
         *
         * @param value zero or more
         * @return this builder
         */
        public Builder retries(int value) {
            this.retries = value;
            return this;
        }

        /**
         * Marks the endpoint idempotent for this call.
         *
         * @param value whether it is
         * @return this builder
         */
        public Builder idempotent(boolean value) {
            this.idempotent = value;
            return this;
        }

        /**
         * Calls one address directly.
         *
         * @param value {@code host:port}
         * @return this builder
         */
        public Builder address(String value) {
            this.address = value;
            return this;
        }

        /**
         * Adds a filter.
         *
         * @param value the filter
         * @return this builder
         */
        public Builder filter(ServiceFilter value) {
            this.filters.add(value);
            return this;
        }

        /**
         * Chooses the selection strategy for this call.
         *
         * @param value a selector name such as {@code round-robin}, or null for the configured one
         * @return this builder
         */
        public Builder selector(String value) {
            this.selector = value;
            return this;
        }

        /**
         * Runs the unary call's continuations (decoding the answer, deciding on a retry, completing its stage) on
         * an executor of the caller's choice, as gRPC's {@code CallOptions.withExecutor} does; a task it rejects
         * runs on the client's callback threads.
         *
         * @param value the executor, or null for the client's callback threads
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public CallOptions build() {
            return new CallOptions(timeout, retries, idempotent, address, filters, selector, executor);
        }
    }
}
