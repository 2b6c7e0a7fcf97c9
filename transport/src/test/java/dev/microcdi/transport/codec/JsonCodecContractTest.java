package dev.microcdi.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.StringValue;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.tck.codec.CodecContract;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonCodecContractTest extends CodecContract {

    record Greeting(String name, int count, List<String> tags) {
    }

    public static final class Pojo {
        public String title;
        public long size;

        @Override
        public boolean equals(Object o) {
            return o instanceof Pojo p && p.size == size && java.util.Objects.equals(p.title, title);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(title, size);
        }
    }

    @Override
    protected Codec newCodec() {
        return new JsonCodec();
    }

    @Override
    protected String expectedContentType() {
        return "application/json";
    }

    @Override
    protected List<Sample> samples() {
        Pojo pojo = new Pojo();
        pojo.title = "ünïcode ✓";
        pojo.size = Long.MAX_VALUE;
        return List.of(new Sample(new Greeting("John", 3, List.of("a", "b")), Greeting.class),
                new Sample(pojo, Pojo.class), new Sample("text", String.class), new Sample(42, Integer.class),
                new Sample(Map.of("k", "v"), Map.class));
    }

    @Override
    protected Sample largeSample(int bytes) {
        return new Sample(new Greeting("x".repeat(bytes), 1, List.of()), Greeting.class);
    }

    @Override
    protected Type unsupportedType() {
        return StringValue.class;
    }

    @Override
    protected List<byte[]> undecodableInputs() {
        return List.of("{not json".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00},
                "{\"name\":\"a\"} trailing".getBytes(StandardCharsets.UTF_8),
                "{\"count\":\"many\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected Optional<Object> emptyInputValue() {
        return Optional.empty();
    }

    @Test
    void ignoresUnknownPropertiesAndAcceptsGoOutputWithATrailingNewline() {
        byte[] go = "{\"name\":\"John\",\"count\":1,\"tags\":[],\"extra\":{\"x\":1}}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(decode(go, Greeting.class)).isEqualTo(new Greeting("John", 1, List.of()));
    }

    @Test
    void writesPlainJsonWithoutTypeInformation() {
        assertThat(new String(encode(new Greeting("J", 1, List.of("t"))), StandardCharsets.UTF_8))
                .isEqualTo("{\"name\":\"J\",\"count\":1,\"tags\":[\"t\"]}");
    }
}
