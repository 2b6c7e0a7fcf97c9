package dev.microcdi.transport.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HeaderBlockTest {
    private static final WireLimits LIMITS = new WireLimits(WireLimits.DEFAULT_MAX_FRAME_SIZE,
            WireLimits.DEFAULT_MAX_HEADER_COUNT, WireLimits.DEFAULT_MAX_HEADER_BYTES,
            WireLimits.DEFAULT_MAX_CONCURRENT_STREAMS);

    private static byte[] write(Function<ByteBuf, HeaderBlock> begin, long timeout, int id) {
        ByteBuf buf = Unpooled.buffer(8);
        begin.apply(buf).add(WireHeaders.SERVICE, "greeter").add(WireHeaders.ENDPOINT, "Greeter.Hello")
                .add("grüße", "🙂").add(WireHeaders.TIMEOUT, timeout).add(WireHeaders.ID, id).end();
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }

    private static Map<String, String> read(byte[] block) throws HeaderBlock.TooLargeException {
        Map<String, String> pairs = new LinkedHashMap<>();
        HeaderBlock.read(Unpooled.wrappedBuffer(block), LIMITS, pairs::put, new HeaderStrings());
        return pairs;
    }

    @Test
    void writesNumbersInDecimalAndTheSameBytesWithOrWithoutTheCache() throws Exception {
        HeaderBytes cache = new HeaderBytes();
        for (long timeout : new long[] {0, 7, 10, 99, 12_345_678, 123_456_789, 1_000_000_007L, 29_999_999_123L, Long.MAX_VALUE, -42}) {
            byte[] plain = write(HeaderBlock::begin, timeout, 3);
            assertThat(write(b -> HeaderBlock.begin(b, cache), timeout, 3)).isEqualTo(plain);
            assertThat(write(b -> HeaderBlock.begin(b, cache), timeout, 3)).isEqualTo(plain);
            assertThat(read(plain)).containsExactly(Map.entry(WireHeaders.SERVICE, "greeter"),
                    Map.entry(WireHeaders.ENDPOINT, "Greeter.Hello"), Map.entry("grüße", "🙂"),
                    Map.entry(WireHeaders.TIMEOUT, Long.toString(timeout)), Map.entry(WireHeaders.ID, "3"));
        }
    }

    @Test
    void perCallValuesAreWrittenThroughTheCacheWithoutFillingIt() throws Exception {
        HeaderBytes cache = new HeaderBytes();
        for (int i = 0; i < 100; i++) {
            ByteBuf buf = Unpooled.buffer();
            HeaderBlock.begin(buf, cache).add(WireHeaders.CONTENT_TYPE, "application/json").add(WireHeaders.ID, "call-" + i)
                    .end();
            assertThat(read(ByteBufUtil.getBytes(buf))).containsExactly(Map.entry(WireHeaders.CONTENT_TYPE,
                    "application/json"), Map.entry(WireHeaders.ID, "call-" + i));
            buf.release();
            assertThat(cache.holds(WireHeaders.ID, "call-" + i)).isFalse();
        }
        assertThat(cache.holds(WireHeaders.CONTENT_TYPE, "application/json")).isTrue();
    }

    @Test
    void pairsEncodedOnceWriteTheBytesOfPairsAddedOneByOne() throws Exception {
        HeaderPairs pairs = HeaderPairs.of(WireHeaders.SERVICE, "greeter", WireHeaders.ENDPOINT, "Greeter.Hello",
                "grüße", "🙂");
        ByteBuf buf = Unpooled.buffer();
        HeaderBlock.begin(buf, new HeaderBytes()).add(pairs).add(WireHeaders.TIMEOUT, 12).add(WireHeaders.ID, 3).end();
        assertThat(ByteBufUtil.getBytes(buf)).isEqualTo(write(HeaderBlock::begin, 12, 3));
        buf.release();
        assertThatThrownBy(() -> HeaderPairs.of(WireHeaders.SERVICE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCacheEncodesEveryPairRightWhateverSharesItsSlot() throws Exception {
        HeaderBytes cache = new HeaderBytes();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 500; i++) {
                String name = "name-" + (i % 7);
                String value = "endpoint-ü-" + i;
                ByteBuf buf = Unpooled.buffer();
                HeaderBlock.begin(buf, cache).add(name, value).end();
                Map<String, String> pairs = read(ByteBufUtil.getBytes(buf));
                buf.release();
                assertThat(pairs).containsExactly(Map.entry(name, value));
            }
        }
        assertThat(cache.pair("micro-service", "greeter")).isSameAs(cache.pair("micro-service", "greeter"));
        String text = "x".repeat(200);
        assertThat(cache.pair("micro-service", text)).isNotSameAs(cache.pair("micro-service", text));
    }
}
