package dev.microcdi.transport.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderStringsTest {

    private static String read(HeaderStrings strings, String text) {
        ByteBuf buf = Unpooled.directBuffer();
        buf.writeBytes(new byte[] {1, 2, 3});
        int length = buf.writeCharSequence(text, StandardCharsets.UTF_8);
        try {
            return strings.get(buf, 3, length);
        } finally {
            buf.release();
        }
    }

    @Test
    void decodesARepeatedStringOnceAndEveryStringRight() {
        HeaderStrings strings = new HeaderStrings();
        String first = read(strings, "micro-service");
        assertThat(first).isEqualTo("micro-service");
        assertThat(read(strings, "micro-service")).isSameAs(first);
        assertThat(read(strings, "grüße-🙂")).isEqualTo("grüße-🙂");
    }

    @Test
    void neverConfusesStringsThatShareASlot() {
        HeaderStrings strings = new HeaderStrings();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 500; i++) {
                assertThat(read(strings, "endpoint-" + i)).isEqualTo("endpoint-" + i);
            }
        }
    }

    @Test
    void readsLongStringsWithoutCachingThem() {
        HeaderStrings strings = new HeaderStrings();
        String text = "x".repeat(200);
        String first = read(strings, text);
        assertThat(first).isEqualTo(text);
        assertThat(read(strings, text)).isEqualTo(text).isNotSameAs(first);
    }
}
