package dev.microcdi.api.registry;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a request or response type as Go Micro advertises it: a named, typed value with fields.
 *
 * @param name the field or type name
 * @param type the type name, e.g. {@code string} or {@code HelloRequest}
 * @param values the fields, empty for a scalar; never null
 */
public record Value(String name, String type, List<Value> values) {

    /**
     * Validates and copies the components.
     *
     * @param name the field or type name
     * @param type the type name, e.g. {@code string} or {@code HelloRequest}
     * @param values the fields, empty for a scalar; never null
     */
    public Value {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = values == null ? List.of() : List.copyOf(values);
    }
}
