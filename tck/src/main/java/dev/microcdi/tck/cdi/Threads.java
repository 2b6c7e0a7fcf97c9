package dev.microcdi.tck.cdi;

import dev.microcdi.api.NonBlocking;
import java.util.concurrent.CompletionStage;

/** A contract whose endpoints answer the name of the thread that called them on the server. */
public interface Threads {

    /**
     * Returns a stage and carries no mark: non-blocking.
     *
     * @param ignored any text
     * @return the thread's name
     */
    CompletionStage<String> stage(String ignored);

    /**
     * Returns a stage, but its implementation is marked {@code @Blocking}.
     *
     * @param ignored any text
     * @return the thread's name
     */
    CompletionStage<String> markedStage(String ignored);

    /**
     * Synchronous and unmarked: blocking.
     *
     * @param ignored any text
     * @return the thread's name
     */
    String plain(String ignored);

    /**
     * Synchronous, marked {@code @NonBlocking} here in the contract.
     *
     * @param ignored any text
     * @return the thread's name
     */
    @NonBlocking
    String computed(String ignored);
}
