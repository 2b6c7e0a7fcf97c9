package dev.microcdi.transport.codec;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.transport.wire.MessageInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.List;

/**
 * {@code application/protobuf} (also reading {@code application/x-protobuf}) for generated
 * {@link Message} classes, in protobuf's binary encoding as Go Micro sends it. Each type's parser is
 * looked up once through its {@code getDefaultInstance()} and cached, so a call involves no reflection.
 * Thread-safe.
 */
public final class ProtobufCodec implements Codec {
    /** The content type written. */
    public static final String CONTENT_TYPE = "application/protobuf";
    private static final List<String> CONTENT_TYPES = List.of(CONTENT_TYPE, "application/x-protobuf");

    /** Direct-buffer messages up to this size are parsed from a scratch array the thread keeps (at most this size). */
    private static final int KEPT_SCRATCH = 16 * 1024;
    private final ThreadLocal<byte[]> scratch = new ThreadLocal<>();
    private final ClassValue<Parser<?>> parsers = new ClassValue<>() {
        @Override
        protected Parser<?> computeValue(Class<?> type) {
            if (!supports(type)) {
                throw notAMessage(type);
            }
            try {
                Object instance = type.getMethod("getDefaultInstance").invoke(null);
                return ((Message) instance).getParserForType();
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | ClassCastException e) {
                throw new MicroException("micro.codec", MicroException.UNSUPPORTED_MEDIA_TYPE,
                        type.getName() + " is not a generated protobuf message", e);
            }
        }
    };

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public List<String> contentTypes() {
        return CONTENT_TYPES;
    }

    @Override
    public boolean supports(Type type) {
        return type instanceof Class<?> c && Message.class.isAssignableFrom(c) && !c.isInterface()
                && !Modifier.isAbstract(c.getModifiers());
    }

    @Override
    public void encode(Object value, OutputStream out) {
        if (!(value instanceof Message message)) {
            throw new MicroException("micro.codec", MicroException.INTERNAL,
                    "protobuf encodes only protobuf messages, not " + (value == null ? "null" : value.getClass().getName()));
        }
        try {
            if (!(out instanceof ByteBufOutputStream bytes) || !writeInto(message, bytes.buffer())) {
                message.writeTo(out);
            }
        } catch (IOException e) {
            throw new MicroException("micro.codec", MicroException.INTERNAL, "cannot write protobuf: " + e.getMessage(), e);
        }
    }

    /** The message's serialized size, which the message keeps, so that the write that follows asks it free. */
    @Override
    public int encodedSize(Object value) {
        return value instanceof Message message ? message.getSerializedSize() : -1;
    }

    /**
     * Writes the message straight into the wire's buffer, grown once to the message's size: no intermediate
     * array and no regrowth of the buffer as the message is written.
     *
     * @return false, having written nothing, when the buffer is not one region of memory once grown (a composite)
     */
    private static boolean writeInto(Message message, ByteBuf buf) throws IOException {
        int size = message.getSerializedSize();
        buf.ensureWritable(size);
        if (buf.nioBufferCount() != 1) {
            return false;
        }
        int at = buf.writerIndex();
        CodedOutputStream coded = buf.hasArray()
                ? CodedOutputStream.newInstance(buf.array(), buf.arrayOffset() + at, size)
                : CodedOutputStream.newInstance(buf.internalNioBuffer(at, size));
        message.writeTo(coded);
        coded.flush();
        if (coded.getTotalBytesWritten() != size) {
            throw new IOException("message wrote " + coded.getTotalBytesWritten() + " bytes, not its size " + size);
        }
        buf.writerIndex(at + size);
        return true;
    }

    @Override
    public Object decode(InputStream in, Type type) {
        if (!(type instanceof Class<?> c)) {
            throw notAMessage(type);
        }
        // the lookup, made once per class, refuses what is not a generated message
        Parser<?> parser = parsers.get(c);
        try {
            if (in instanceof MessageInputStream message && message.buffer().nioBufferCount() == 1) {
                return parseFrom(parser, message.buffer());
            }
            // a stream that knows its length is read into one array: no 4 KiB parse buffer per message
            int known = in.available();
            if (known > 0) {
                byte[] bytes = in.readNBytes(known);
                if (in.available() == 0) {
                    return parser.parseFrom(bytes);
                }
                return parser.parseFrom(new SequenceInputStream(new ByteArrayInputStream(bytes), in));
            }
            return parser.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new MicroException("micro.codec", MicroException.BAD_REQUEST,
                    "cannot decode protobuf as " + type.getTypeName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MicroException("micro.codec", MicroException.BAD_REQUEST,
                    "cannot read protobuf as " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    private static MicroException notAMessage(Type type) {
        return new MicroException("micro.codec", MicroException.UNSUPPORTED_MEDIA_TYPE,
                "protobuf decodes only generated protobuf messages, not " + type.getTypeName());
    }

    /**
     * Parses the readable bytes of a one-region buffer and moves its reader index past them: a heap buffer where
     * they lie, a direct one from a copy in this thread's scratch array. Protobuf itself copies a direct
     * {@link java.nio.ByteBuffer} into a new array per message; the parser copies what the message keeps
     * (bytes, strings) out of the array it parses, so the array can be reused at once.
     */
    private Object parseFrom(Parser<?> parser, ByteBuf buf) throws InvalidProtocolBufferException {
        int length = buf.readableBytes();
        Object message;
        if (buf.hasArray()) {
            message = parser.parseFrom(buf.array(), buf.arrayOffset() + buf.readerIndex(), length);
        } else {
            byte[] bytes = scratch(length);
            buf.getBytes(buf.readerIndex(), bytes, 0, length);
            message = parser.parseFrom(bytes, 0, length);
        }
        buf.skipBytes(length);
        return message;
    }

    /** This thread's scratch array when {@code length} fits the kept size, else an array of its own. */
    private byte[] scratch(int length) {
        if (length > KEPT_SCRATCH) {
            return new byte[length];
        }
        byte[] bytes = scratch.get();
        if (bytes == null || bytes.length < length) {
            bytes = new byte[Math.min(KEPT_SCRATCH, Math.max(length, bytes == null ? 1024 : 2 * bytes.length))];
            scratch.set(bytes);
        }
        return bytes;
    }
}
