package dev.microcdi.api.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Turns messages into bytes and back for one content type. The codec of a request follows its
 * {@code Content-Type}. Implementations are thread-safe and keep no per-call state.
 *
 * <p>Failures raise {@link dev.microcdi.api.MicroException}: code 400 with id {@code micro.codec} when the
 * bytes do not decode to the type, 500 when a value cannot be encoded.
 */
public interface Codec {

    /**
     * The content type this codec writes, e.g. {@code application/json}.
     *
     * @return the canonical content type
     */
    String contentType();

    /**
     * Every content type this codec reads; the canonical one comes first.
     *
     * @return the content types, lower case, without parameters
     */
    default List<String> contentTypes() {
        return List.of(contentType());
    }

    /**
     * Whether this codec can write and read values of a type (protobuf only handles generated messages).
     *
     * @param type the Java type
     * @return true when it can
     */
    boolean supports(Type type);

    /**
     * Writes a value.
     *
     * @param value the value; may be null where the format has a null
     * @param out where to write; not closed
     */
    void encode(Object value, OutputStream out);

    /**
     * The number of bytes {@link #encode} will write for a value, when the codec knows it without encoding
     * (protobuf does), so that the caller can size its buffer once. Default: unknown.
     *
     * @param value the value
     * @return the encoded size in bytes, or -1 when unknown
     */
    default int encodedSize(Object value) {
        return -1;
    }

    /**
     * Reads a value of a type from the whole of the stream.
     *
     * @param in the bytes; read to its end, not closed
     * @param type the Java type to produce
     * @return the value
     */
    Object decode(InputStream in, Type type);
}
