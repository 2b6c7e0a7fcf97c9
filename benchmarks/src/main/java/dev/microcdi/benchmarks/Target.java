package dev.microcdi.benchmarks;

import com.google.protobuf.BytesValue;

/** The client side of one system under test, connected to its server. */
interface Target extends AutoCloseable {

    /** Completion of one asynchronous call. */
    interface Done {
        /**
         * The call finished.
         *
         * @param failure null on success
         */
        void done(Throwable failure);
    }

    /**
     * Starts one unary echo call; {@code done} runs when it completes.
     *
     * @param request the request
     * @param done the completion
     */
    void unary(BytesValue request, Done done);

    /**
     * Calls the unary echo and waits for the answer.
     *
     * @param request the request
     * @throws Exception on failure
     */
    void unaryBlocking(BytesValue request) throws Exception;

    /**
     * Reads a server stream of {@code count} messages of {@code size} bytes to its end.
     *
     * @param count messages
     * @param size payload bytes per message
     * @return the messages received
     * @throws Exception on failure
     */
    long stream(long count, int size) throws Exception;

    @Override
    void close();
}
