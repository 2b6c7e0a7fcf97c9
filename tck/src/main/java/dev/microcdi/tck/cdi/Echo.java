package dev.microcdi.tck.cdi;

import dev.microcdi.api.Idempotent;
import java.util.concurrent.CompletionStage;

/** The contract the CDI tests serve and call. */
public interface Echo {

    /** A request. @param text the text to echo */
    record Say(String text) {
    }

    /** A reply. @param text the echoed text @param node the node that answered */
    record Said(String text, String node) {
    }

    /**
     * Echoes the text.
     *
     * @param request the request
     * @return the reply
     */
    @Idempotent
    Said say(Say request);

    /**
     * The async form of {@link #say}.
     *
     * @param request the request
     * @return the reply
     */
    CompletionStage<Said> sayAsync(Say request);

    /**
     * Fails with the request's text as the message.
     *
     * @param request the request
     * @return never
     */
    Said fail(Say request);
}
