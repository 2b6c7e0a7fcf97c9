package dev.microcdi.api.codec;

import dev.microcdi.api.MicroException;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The installed codecs, found by content type or by type. The set of codecs never changes; thread-safe.
 */
public final class Codecs {
    private final List<Codec> codecs;
    private final Map<String, Codec> byContentType;
    /** The codec found for each class asked about: asking the codecs (protobuf's is a subtype check) is slow. */
    private final Map<Class<?>, Codec> byClass = new ConcurrentHashMap<>();

    /**
     * Installs codecs; for a content type read by several, the first one wins.
     *
     * @param codecs the codecs, in order of preference
     */
    public Codecs(List<Codec> codecs) {
        this.codecs = List.copyOf(codecs);
        Map<String, Codec> map = new HashMap<>();
        for (Codec c : this.codecs) {
            for (String ct : c.contentTypes()) {
                map.putIfAbsent(ct.toLowerCase(Locale.ROOT), c);
            }
        }
        this.byContentType = Map.copyOf(map);
    }

    /**
     * The codec of a content type; parameters such as {@code ; charset=utf-8} are ignored.
     *
     * @param contentType the content type
     * @return the codec
     * @throws MicroException 415 when no codec reads it
     */
    public Codec forContentType(String contentType) {
        Objects.requireNonNull(contentType, "contentType");
        Codec c = byContentType.get(contentType);
        if (c == null) {
            c = byContentType.get(baseType(contentType));
        }
        if (c == null) {
            throw new MicroException("micro.codec", MicroException.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported content type: " + contentType);
        }
        return c;
    }

    /**
     * The preferred codec for values of a type: the first installed codec that supports it.
     *
     * @param type the Java type
     * @return the codec
     * @throws MicroException 415 when none supports it
     */
    public Codec forType(Type type) {
        Codec cached = type instanceof Class<?> c ? byClass.get(c) : null;
        if (cached != null) {
            return cached;
        }
        for (Codec c : codecs) {
            if (c.supports(type)) {
                if (type instanceof Class<?> k) {
                    byClass.put(k, c);
                }
                return c;
            }
        }
        throw new MicroException("micro.codec", MicroException.UNSUPPORTED_MEDIA_TYPE,
                "no codec supports " + type.getTypeName());
    }

    /**
     * The installed codecs.
     *
     * @return the codecs, in order of preference
     */
    public List<Codec> all() {
        return codecs;
    }

    private static String baseType(String contentType) {
        int semi = contentType.indexOf(';');
        String base = semi < 0 ? contentType : contentType.substring(0, semi);
        return base.strip().toLowerCase(Locale.ROOT);
    }
}
