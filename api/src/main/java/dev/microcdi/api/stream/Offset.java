package dev.microcdi.api.stream;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a new consumer starts reading a topic. For a queue group, the offset applies only when the group is
 * first created; a group that already exists resumes where it left off on streams that keep group positions.
 * A stream that cannot start at a kind of offset fails the consume call with 501.
 */
public sealed interface Offset permits Offset.Earliest, Offset.Latest, Offset.Time, Offset.Sequence {

    /**
     * Start with the oldest event the stream still holds.
     *
     * @return the offset
     */
    static Offset earliest() {
        return new Earliest();
    }

    /**
     * Start with the events published after the consumer subscribed; the default.
     *
     * @return the offset
     */
    static Offset latest() {
        return new Latest();
    }

    /**
     * Start with the first event stored at or after a time, as Go Micro's {@code WithOffset(time)}.
     *
     * @param from the time
     * @return the offset
     */
    static Offset at(Instant from) {
        return new Time(from);
    }

    /**
     * Start with the event of a stream sequence number.
     *
     * @param from the sequence number, 1 or more
     * @return the offset
     */
    static Offset sequence(long from) {
        return new Sequence(from);
    }

    /** Start with the oldest event the stream holds. */
    record Earliest() implements Offset {
    }

    /** Start with the events published after subscribing. */
    record Latest() implements Offset {
    }

    /**
     * Start with the first event stored at or after a time.
     *
     * @param from the time; never null
     */
    record Time(Instant from) implements Offset {

        /**
         * Validates and copies the components.
         *
         * @param from the time; never null
         */
        public Time {
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * Start with the event of a sequence number: the stream's own numbering, which counts the events of a
     * topic from 1 (the JetStream stream sequence; the memory stream's position).
     *
     * @param from the sequence number, 1 or more
     */
    record Sequence(long from) implements Offset {

        /**
         * Validates and copies the components.
         *
         * @param from the sequence number, 1 or more
         */
        public Sequence {
            if (from < 1) {
                throw new IllegalArgumentException("sequence must be 1 or more: " + from);
            }
        }
    }
}
