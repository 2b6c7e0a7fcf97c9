package dev.microcdi.transport.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.protobuf.MessageLite;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code application/json} through Jackson: records and POJOs as plain JSON objects, the way Go's
 * {@code encoding/json} reads and writes them. Unknown properties are ignored so that a newer peer can add
 * fields; dates are written as ISO-8601 text when a Jackson time module is on the class path (modules are
 * found through {@link ObjectMapper#findModules(ClassLoader)}, none is required).
 *
 * <p>Protobuf messages are not supported: they go to the protobuf codec. Thread-safe; readers are cached per
 * type so that no type resolution happens per call.
 */
public final class JsonCodec implements Codec {
    /** The content type written and read. */
    public static final String CONTENT_TYPE = "application/json";

    private final ObjectMapper mapper;
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

    /** Creates a codec with the modules found on this class's class loader. */
    public JsonCodec() {
        this.mapper = new ObjectMapper()
                .registerModules(ObjectMapper.findModules(JsonCodec.class.getClassLoader()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public boolean supports(Type type) {
        return !(type instanceof Class<?> c && MessageLite.class.isAssignableFrom(c));
    }

    @Override
    public void encode(Object value, OutputStream out) {
        try {
            mapper.writeValue(out, value);
        } catch (JsonProcessingException e) {
            throw new MicroException("micro.codec", MicroException.INTERNAL,
                    "cannot encode " + typeName(value) + " as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MicroException("micro.codec", MicroException.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public Object decode(InputStream in, Type type) {
        ObjectReader reader = readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)));
        try {
            return reader.readValue(in);
        } catch (JsonProcessingException e) {
            throw new MicroException("micro.codec", MicroException.BAD_REQUEST,
                    "cannot decode JSON as " + type.getTypeName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MicroException("micro.codec", MicroException.BAD_REQUEST, "cannot read JSON: " + e.getMessage(), e);
        }
    }

    private static String typeName(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
