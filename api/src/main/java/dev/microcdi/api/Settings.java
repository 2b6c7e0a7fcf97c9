package dev.microcdi.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only access to configuration keys, so that providers read their settings without depending on a
 * configuration library. In a CDI container the keys come from MicroProfile Config; elsewhere from a map or
 * the system properties.
 *
 * <p>Keys are full names such as {@code micro.registry.mdns.interface}. A value that does not parse as the
 * requested type raises a {@link MicroException} with code 400 and id {@code micro.config} naming the key;
 * a missing key gives the default.
 */
@FunctionalInterface
public interface Settings {

    /**
     * The raw value of a key.
     *
     * @param key the full key
     * @return the value, empty when the key is not set or blank
     */
    Optional<String> get(String key);

    /**
     * A string value.
     *
     * @param key the full key
     * @param defaultValue the value when the key is not set
     * @return the value, stripped of surrounding white space
     */
    default String string(String key, String defaultValue) {
        return get(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(defaultValue);
    }

    /**
     * An integer value.
     *
     * @param key the full key
     * @param defaultValue the value when the key is not set
     * @return the value
     * @throws MicroException 400 when the value is not an integer
     */
    default int integer(String key, int defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer");
        }
    }

    /**
     * A boolean value: {@code true} or {@code false}, case-insensitive.
     *
     * @param key the full key
     * @param defaultValue the value when the key is not set
     * @return the value
     * @throws MicroException 400 when the value is neither
     */
    default boolean bool(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key, v, "true or false");
    }

    /**
     * A duration: a number with a unit ({@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}), a plain number
     * of milliseconds, or ISO-8601 ({@code PT5S}).
     *
     * @param key the full key
     * @param defaultValue the value when the key is not set
     * @return the value, never negative
     * @throws MicroException 400 when the value is not a duration or is negative
     */
    default Duration duration(String key, Duration defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        Duration d = parseDuration(v);
        if (d == null || d.isNegative()) {
            throw invalid(key, v, "a duration such as 250ms, 5s, 2m or PT5S");
        }
        return d;
    }

    /**
     * A comma-separated list.
     *
     * @param key the full key
     * @return the non-blank items, stripped; empty when the key is not set
     */
    default List<String> list(String key) {
        return get(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /**
     * These settings, falling back to {@code other} for keys that are not set here.
     *
     * @param other the fallback
     * @return the combined settings
     */
    default Settings orElse(Settings other) {
        return key -> {
            Optional<String> v = get(key);
            return v.isPresent() ? v : other.get(key);
        };
    }

    /**
     * Settings backed by a map.
     *
     * @param values the keys and values; copied
     * @return the settings
     */
    static Settings of(Map<String, String> values) {
        Map<String, String> copy = Map.copyOf(values);
        return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isBlank());
    }

    /**
     * Settings with no key set.
     *
     * @return the settings
     */
    static Settings empty() {
        return key -> Optional.empty();
    }

    /**
     * Settings backed by the system properties, read at each lookup.
     *
     * @return the settings
     */
    static Settings systemProperties() {
        return key -> Optional.ofNullable(System.getProperty(key)).filter(v -> !v.isBlank());
    }

    /**
     * Parses the duration forms that {@link #duration(String, Duration)} accepts.
     *
     * @param text the text
     * @return the duration, or null when the text is not one
     */
    static Duration parseDuration(String text) {
        String v = text.strip();
        if (v.startsWith("P") || v.startsWith("p") || v.startsWith("-P")) {
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        int unitStart = 0;
        while (unitStart < v.length() && (Character.isDigit(v.charAt(unitStart)) || v.charAt(unitStart) == '-')) {
            unitStart++;
        }
        if (unitStart == 0) {
            return null;
        }
        long amount;
        try {
            amount = Long.parseLong(v.substring(0, unitStart));
        } catch (NumberFormatException e) {
            return null;
        }
        try {
            return switch (v.substring(unitStart).strip()) {
                case "", "ms" -> Duration.ofMillis(amount);
                case "ns" -> Duration.ofNanos(amount);
                case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> null;
            };
        } catch (ArithmeticException tooLarge) {
            return null;
        }
    }

    private static MicroException invalid(String key, String value, String expected) {
        return MicroException.badRequest("micro.config", "setting %s=%s is not %s", key, value, expected);
    }
}
