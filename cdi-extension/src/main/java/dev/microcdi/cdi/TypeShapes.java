package dev.microcdi.cdi;

import dev.microcdi.api.registry.Value;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes request and response types for the registry's endpoint records, one level of fields deep, as
 * Go Micro advertises them ({@code {"name":"HelloRequest","type":"HelloRequest","values":[...]}}). Run once
 * per endpoint at start-up.
 */
final class TypeShapes {
    private TypeShapes() {
    }

    static Value describe(Type type) {
        Class<?> raw = rawClass(type);
        String name = raw.getSimpleName();
        return new Value(name, name, fields(raw));
    }

    private static List<Value> fields(Class<?> type) {
        List<Value> values = new ArrayList<>();
        if (type.isPrimitive() || type.getName().startsWith("java.")) {
            return values;
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                values.add(new Value(c.getName(), typeName(c.getType()), List.of()));
            }
            return values;
        }
        for (Field f : type.getDeclaredFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isStatic(mod) && !Modifier.isTransient(mod) && !f.isSynthetic()) {
                values.add(new Value(f.getName(), typeName(f.getType()), List.of()));
            }
        }
        return values;
    }

    private static String typeName(Class<?> type) {
        if (type == String.class || type == char.class || type == Character.class) {
            return "string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "bool";
        }
        if (type == int.class || type == Integer.class || type == short.class || type == Short.class) {
            return "int32";
        }
        if (type == long.class || type == Long.class) {
            return "int64";
        }
        if (type == double.class || type == Double.class) {
            return "float64";
        }
        if (type == float.class || type == Float.class) {
            return "float32";
        }
        return type.getSimpleName();
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
