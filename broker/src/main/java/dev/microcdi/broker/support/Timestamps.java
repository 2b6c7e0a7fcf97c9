package dev.microcdi.broker.support;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The text form of event timestamps in stream headers and fields: {@code <epoch seconds>.<nanoseconds, 9
 * digits>}, cheap to parse on the hot path (ISO-8601 text, as {@link Instant#toString()} writes it, is also
 * read).
 */
public final class Timestamps {
    private Timestamps() {
    }

    /**
     * Formats a timestamp.
     *
     * @param t the time
     * @return the text form
     */
    public static String format(Instant t) {
        String nanos = Integer.toString(t.getNano());
        return t.getEpochSecond() + "." + "000000000".substring(nanos.length()) + nanos;
    }

    /**
     * Parses a timestamp.
     *
     * @param text the text form, or ISO-8601
     * @return the time, or null when the text is neither
     */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            int dot = text.indexOf('.');
            if (dot > 0 && text.length() - dot == 10 && text.indexOf('T') < 0) {
                return Instant.ofEpochSecond(Long.parseLong(text, 0, dot, 10),
                        Integer.parseInt(text, dot + 1, text.length(), 10));
            }
            return Instant.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }
}
