package dev.microcdi.api.client;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of a unary call together with the response metadata the server sent with it (what the handler
 * put into {@code CallContext.responseMetadata()}).
 *
 * <p>How to ask for it: {@link Client#replyAsync} and {@link Client#reply}, or any {@link Client} call whose
 * response type is {@link #type(Type) Reply.type(T)}. A {@code @MicroClient} contract method asks for it by
 * returning {@code Reply<T>} or {@code CompletionStage<Reply<T>>} for an endpoint whose response type is
 * {@code T}: {@code Reply<HelloReply> hello(HelloRequest r)} and {@code HelloReply hello(HelloRequest r)} are
 * the same endpoint on the wire. On a {@code @MicroService} bean such a method answers {@link #value()} and
 * sends {@link #metadata()} as response metadata. Streams expose their response metadata through
 * {@link ResponseMetadata} instead.
 *
 * @param value the decoded answer
 * @param metadata the response metadata, names as sent; never null, unmodifiable
 * @param <T> the response type
 */
public record Reply<T>(T value, Map<String, String> metadata) {

    /**
     * Copies the metadata.
     *
     * @param value the decoded answer
     * @param metadata the response metadata; null is taken as empty
     * @throws NullPointerException when a metadata name or value is null
     */
    public Reply {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * The response type that asks a {@link Client} call for a {@code Reply<T>} of the endpoint's response
     * type {@code T}.
     *
     * @param valueType the endpoint's response type {@code T}
     * @return the type {@code Reply<T>}
     */
    public static Type type(Type valueType) {
        return new ReplyType(Objects.requireNonNull(valueType, "valueType"));
    }

    /**
     * Whether a response type asks for a {@code Reply}: {@code Reply<T>} made by {@link #type(Type)} or read
     * from a generic signature by reflection.
     *
     * @param responseType a response type
     * @return true for {@code Reply<T>}
     */
    public static boolean isReplyType(Type responseType) {
        return responseType instanceof ParameterizedType p && p.getRawType() == Reply.class;
    }

    /**
     * The endpoint's response type {@code T} of a {@code Reply<T>} response type.
     *
     * @param replyType a type for which {@link #isReplyType(Type)} holds
     * @return {@code T}
     * @throws IllegalArgumentException when {@code replyType} is not {@code Reply<T>}
     */
    public static Type valueType(Type replyType) {
        if (!isReplyType(replyType)) {
            throw new IllegalArgumentException(replyType + " is not Reply<T>");
        }
        return ((ParameterizedType) replyType).getActualTypeArguments()[0];
    }

    /** {@code Reply<T>}, equal to the same type read by reflection, as {@link ParameterizedType} requires. */
    private static final class ReplyType implements ParameterizedType {
        private final Type value;

        ReplyType(Type value) {
            this.value = value;
        }

        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {value};
        }

        @Override
        public Type getRawType() {
            return Reply.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType p && p.getRawType() == Reply.class && p.getOwnerType() == null
                    && Arrays.equals(p.getActualTypeArguments(), getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(getActualTypeArguments()) ^ Reply.class.hashCode();
        }

        @Override
        public String toString() {
            return Reply.class.getName() + "<" + value.getTypeName() + ">";
        }
    }
}
