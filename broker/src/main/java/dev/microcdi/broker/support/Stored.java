package dev.microcdi.broker.support;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.stream.Event;
import java.util.concurrent.CompletionStage;

/** Turns a backend's asynchronous write of an event into the stage {@code EventStream.publish} returns. */
public final class Stored {
    private Stored() {
    }

    /**
     * The event once the write completed, or a 503 {@link MicroException} naming the backend when it failed.
     *
     * @param write the backend's write
     * @param event the event written
     * @param id the error id
     * @param backend the backend's name for the message, e.g. {@code JetStream}
     * @return the stage
     */
    public static CompletionStage<Event> when(CompletionStage<?> write, Event event, String id, String backend) {
        return write.handle((result, failure) -> {
            if (failure != null) {
                throw new MicroException(id, MicroException.UNAVAILABLE, backend + " did not store the event on "
                        + event.topic() + ": " + failure, failure);
            }
            return event;
        });
    }
}
