package dev.microcdi.api.server;

import java.util.concurrent.CompletionStage;

/**
 * Serves one endpoint. Runs on a worker thread, never on a network event loop, so it may block; a handler
 * that waits on something else should return an incomplete stage instead of holding its thread.
 */
@FunctionalInterface
public interface Handler {

    /**
     * Handles one call.
     *
     * @param request the decoded request
     * @param context the call's context
     * @return the response; a failed stage, or a thrown exception, becomes an error answer: a
     *         {@link dev.microcdi.api.MicroException} as it is, anything else as a 500 whose detail is the
     *         exception's message
     * @throws Exception any failure of the handler
     */
    CompletionStage<?> handle(Object request, CallContext context) throws Exception;
}
