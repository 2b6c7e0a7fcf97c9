package dev.microcdi.transport.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HeaderStringsTest {

    private static String read(HeaderStrings strings, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[utf8.length + 5];
        System.arraycopy(utf8, 0, b, 3, utf8.length);
        return strings.get(b, 3, utf8.length);
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
    void lendsOneArrayForSmallBlocksAndAFreshOneForLargeBlocks() {
        HeaderStrings strings = new HeaderStrings();
        byte[] small = strings.block(100);
        assertThat(small.length).isGreaterThanOrEqualTo(100);
        assertThat(strings.block(50)).isSameAs(small);
        byte[] grown = strings.block(1000);
        assertThat(grown.length).isGreaterThanOrEqualTo(1000);
        assertThat(strings.block(900)).isSameAs(grown);
        assertThat(strings.block(10_000)).hasSize(10_000).isNotSameAs(strings.block(10_000));
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
