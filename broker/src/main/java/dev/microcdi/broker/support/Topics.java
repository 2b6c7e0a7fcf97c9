package dev.microcdi.broker.support;

import dev.microcdi.api.MicroException;

/** Checks topic names: blank names are refused with 400, as are characters no backend carries. */
public final class Topics {
    private Topics() {
    }

    /**
     * Checks a topic name.
     *
     * @param id the error id, e.g. {@code micro.broker}
     * @param topic the name
     * @return the name
     * @throws MicroException 400 when it is null, blank, or holds a character other than letters, digits,
     *         {@code .}, {@code -}, {@code _} and {@code :}
     */
    public static String check(String id, String topic) {
        if (topic == null || topic.isBlank()) {
            throw MicroException.badRequest(id, "the topic is blank");
        }
        for (int i = 0; i < topic.length(); i++) {
            char c = topic.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '-' && c != '_' && c != ':') {
                throw MicroException.badRequest(id, "topic '%s' holds '%s'; use letters, digits, '.', '-', '_', ':'",
                        topic, c);
            }
        }
        if (topic.startsWith(".") || topic.endsWith(".") || topic.contains("..")) {
            throw MicroException.badRequest(id, "topic '%s' has an empty '.'-separated part", topic);
        }
        return topic;
    }

    /**
     * A name derived from a topic or group that JetStream and Redis accept as a stream, consumer or group
     * name: characters other than letters, digits, {@code -} and {@code _} become {@code _}.
     *
     * @param name the topic or group
     * @return the safe name
     */
    public static String safeName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_' ? c : '_');
        }
        return b.toString();
    }
}
