package dev.microcdi.tck.cdi;

import java.util.concurrent.Flow;

/** A contract of streams whose service journals the request-scoped bean it sees in each callback. */
public interface Watcher {

    /**
     * A number.
     *
     * @param n the number
     */
    record Count(long n) {
    }

    /**
     * Counts from 0, on demand.
     *
     * @param count how many; negative for no end
     * @return the numbers
     */
    Flow.Publisher<Count> count(Count count);

    /**
     * Answers each request with itself.
     *
     * @param counts the requests
     * @return the same numbers
     */
    Flow.Publisher<Count> echo(Flow.Publisher<Count> counts);
}
