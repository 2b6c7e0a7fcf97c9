package dev.microcdi.tck.cdi;

import dev.microcdi.api.client.Reply;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A contract with every endpoint shape: unary, server stream, client stream, bidirectional stream. */
public interface Ticker {

    /**
     * A count.
     *
     * @param n the number
     */
    record Count(long n) {
    }

    /**
     * What a unary call saw on the server.
     *
     * @param requestBean the id of the request-scoped bean during the call
     * @param metadata the request metadata
     * @param relayed the metadata that a call made while serving reached the next service with
     * @param remainingPositive whether the call context showed time left before the deadline
     */
    record Seen(String requestBean, Map<String, String> metadata, Map<String, String> relayed,
            boolean remainingPositive) {
    }

    /**
     * Counts from 0.
     *
     * @param count how many
     * @return the numbers
     */
    Flow.Publisher<Count> ticks(Count count);

    /**
     * Adds numbers up.
     *
     * @param counts the numbers
     * @return their sum
     */
    CompletionStage<Count> sum(Flow.Publisher<Count> counts);

    /**
     * Doubles each number.
     *
     * @param counts the numbers
     * @return each doubled
     */
    Flow.Publisher<Count> doubled(Flow.Publisher<Count> counts);

    /**
     * Reports what the server saw of this call.
     *
     * @param count ignored
     * @return what the server saw
     */
    Seen whoAmI(Count count);

    /**
     * The async form of {@link #whoAmI} that keeps the response metadata.
     *
     * @param count ignored
     * @return what the server saw, with the response metadata the server sent
     */
    CompletionStage<Reply<Seen>> whoAmIAsync(Count count);

    /**
     * Answers the count with metadata {@code x-echo} set to it.
     *
     * @param count the count
     * @return the count and its metadata
     */
    Reply<Count> echo(Count count);
}
