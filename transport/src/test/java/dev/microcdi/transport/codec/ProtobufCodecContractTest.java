package dev.microcdi.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.ListValue;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.tck.codec.CodecContract;
import dev.microcdi.transport.wire.MessageInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProtobufCodecContractTest extends CodecContract {

    @Override
    protected Codec newCodec() {
        return new ProtobufCodec();
    }

    @Override
    protected String expectedContentType() {
        return "application/protobuf";
    }

    @Override
    protected List<Sample> samples() {
        Struct struct = Struct.newBuilder().putFields("name", Value.newBuilder().setStringValue("John").build())
                .putFields("list", Value.newBuilder().setListValue(ListValue.newBuilder()
                        .addValues(Value.newBuilder().setNumberValue(1.5))).build()).build();
        return List.of(new Sample(struct, Struct.class), new Sample(StringValue.of("hello"), StringValue.class),
                new Sample(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5).build(), Timestamp.class));
    }

    @Override
    protected Sample largeSample(int bytes) {
        return new Sample(StringValue.of("p".repeat(bytes)), StringValue.class);
    }

    @Override
    protected Type unsupportedType() {
        return String.class;
    }

    @Override
    protected List<byte[]> undecodableInputs() {
        byte[] truncated = StringValue.of("a longer string value").toByteArray();
        return List.of(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7b, 0x07},
                Arrays.copyOf(truncated, truncated.length - 3));
    }

    @Override
    protected Optional<Object> emptyInputValue() {
        return Optional.of(Struct.getDefaultInstance());
    }

    @Test
    void readsTheLegacyContentType() {
        assertThat(codec.contentTypes()).containsExactly("application/protobuf", "application/x-protobuf");
    }

    @Test
    void supportsOnlyConcreteGeneratedMessages() {
        assertThat(codec.supports(Message.class)).isFalse();
        assertThat(codec.supports(Struct.class)).isTrue();
    }

    @Test
    void refusesToEncodeWhatIsNotAMessage() {
        assertThatThrownBy(() -> encode("text")).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(MicroException.INTERNAL));
    }

    @Test
    void writesStraightIntoHeapAndDirectWireBuffersAfterWhatTheyHold() throws Exception {
        StringValue message = StringValue.of("m".repeat(3000));
        for (ByteBuf buf : List.of(Unpooled.buffer(8), Unpooled.directBuffer(8))) {
            try {
                buf.writeBytes(new byte[] {9, 9, 9});
                codec.encode(message, new ByteBufOutputStream(buf));
                assertThat(buf.readableBytes()).isEqualTo(3 + message.getSerializedSize());
                buf.skipBytes(3);
                assertThat(codec.decode(new ByteBufInputStream(buf), StringValue.class)).isEqualTo(message);
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void parsesAWireMessageFromEveryKindOfBufferAndKeepsNoReferenceToIt() throws Exception {
        StringValue message = StringValue.of("w".repeat(1500));
        byte[] bytes = message.toByteArray();
        CompositeByteBuf twoParts = Unpooled.compositeBuffer().addComponents(true,
                Unpooled.wrappedBuffer(bytes.clone(), 0, 700),
                Unpooled.wrappedBuffer(bytes.clone(), 700, bytes.length - 700));
        byte[] inLargerArray = new byte[bytes.length + 9];
        System.arraycopy(bytes, 0, inLargerArray, 5, bytes.length);
        ByteBuf atArrayOffset = Unpooled.wrappedBuffer(inLargerArray, 3, bytes.length + 2);
        for (ByteBuf buf : List.of(Unpooled.buffer().writeShort(7).writeBytes(bytes),
                Unpooled.directBuffer().writeShort(7).writeBytes(bytes), atArrayOffset, twoParts)) {
            int start = buf == twoParts ? 0 : 2;
            buf.readerIndex(start);
            Object decoded;
            try (MessageInputStream in = new MessageInputStream(buf.retain())) {
                decoded = codec.decode(in, StringValue.class);
                assertThat(buf.isReadable()).isFalse();
            }
            buf.setZero(start, bytes.length);
            assertThat(decoded).isEqualTo(message);
            buf.release();
        }
    }

    @Test
    void messagesParsedOneAfterTheOtherFromDirectBuffersKeepTheirOwnBytes() throws Exception {
        // bytes fields are what a parser could leave pointing into the array it parsed; encoded sizes below, at
        // (16 * 1024 - 3 encodes to 16 KiB) and above the array a thread keeps for direct buffers, growing it
        List<BytesValue> messages = new ArrayList<>();
        int[] sizes = {3000, 10, 16 * 1024 - 3, 16 * 1024, 40_000, 2000};
        for (int i = 0; i < sizes.length; i++) {
            byte[] value = new byte[sizes[i]];
            Arrays.fill(value, (byte) ('a' + i));
            messages.add(BytesValue.of(ByteString.copyFrom(value)));
        }
        List<Object> decoded = new ArrayList<>();
        for (BytesValue message : messages) {
            ByteBuf buf = Unpooled.directBuffer().writeBytes(message.toByteArray());
            try (MessageInputStream in = new MessageInputStream(buf)) {
                decoded.add(codec.decode(in, BytesValue.class));
            }
        }
        assertThat(decoded).isEqualTo(messages);
    }

    @Test
    void refusesAnUndecodableWireMessageAsABadRequest() {
        byte[] truncated = StringValue.of("truncated").toByteArray();
        ByteBuf buf = Unpooled.directBuffer().writeBytes(truncated, 0, truncated.length - 2);
        assertThatThrownBy(() -> codec.decode(new MessageInputStream(buf), StringValue.class))
                .isInstanceOfSatisfying(MicroException.class,
                        e -> assertThat(e.code()).isEqualTo(MicroException.BAD_REQUEST));
        buf.release();
    }

    @Test
    void writesIntoACompositeBufferThatGrowsIntoSeveralParts() {
        CompositeByteBuf buf = Unpooled.compositeBuffer();
        buf.addComponent(true, Unpooled.directBuffer(4, 4));
        StringValue message = StringValue.of("x".repeat(1000));
        try {
            codec.encode(message, new ByteBufOutputStream(buf));
            assertThat(codec.decode(new ByteBufInputStream(buf), StringValue.class)).isEqualTo(message);
        } finally {
            buf.release();
        }
    }
}
