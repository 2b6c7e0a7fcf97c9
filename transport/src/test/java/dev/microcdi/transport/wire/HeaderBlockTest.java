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

    private static byte[] block(int count, String... pairs) {
        ByteBuf buf = Unpooled.buffer();
        HeaderBlock block = HeaderBlock.begin(buf);
        for (int i = 0; i < pairs.length; i += 2) {
            block.add(pairs[i], pairs[i + 1]);
        }
        block.end();
        buf.setShort(0, count);
        byte[] bytes = ByteBufUtil.getBytes(buf);
        buf.release();
        return bytes;
    }

    private static byte[] block(String... pairs) {
        return block(pairs.length / 2, pairs);
    }

    private static Map<String, String> read(byte[] block, HeaderStrings strings) throws HeaderBlock.TooLargeException {
        Map<String, String> pairs = new LinkedHashMap<>();
        HeaderBlock.read(Unpooled.wrappedBuffer(block), LIMITS, pairs::put, strings);
        return pairs;
    }

    private static byte[] request(String endpoint, int id, String... more) {
        String[] lead = {WireHeaders.SERVICE, "greeter", WireHeaders.ENDPOINT, endpoint, WireHeaders.CONTENT_TYPE,
                "application/json", WireHeaders.TIMEOUT, "5000000000", WireHeaders.ID, Integer.toString(id)};
        String[] all = java.util.Arrays.copyOf(lead, lead.length + more.length);
        System.arraycopy(more, 0, all, lead.length, more.length);
        return block(all);
    }

    @Test
    void blocksStartingWithTheLeadOfTheBlocksBeforeReadAsEveryBlockIsReadAlone() throws Exception {
        HeaderStrings strings = new HeaderStrings();
        byte[][] blocks = {
            request("Greeter.Hello", 1),
            request("Greeter.Hello", 2),
            request("Greeter.Hello", 3, "tenant", "a"),
            // the same bytes but for the last one of the lead
            request("Greeter.Hellp", 4),
            request("Greeter.Hello", 5),
            // the same bytes but for the lead's very last one
            block(WireHeaders.SERVICE, "greeter", WireHeaders.ENDPOINT, "Greeter.Hello", WireHeaders.CONTENT_TYPE,
                    "application/jsom", WireHeaders.ID, "6"),
            block(WireHeaders.SERVICE, "greeter"),
            block(),
            block(WireHeaders.SERVICE, "greeter", WireHeaders.ENDPOINT, "Greeter.Hello", WireHeaders.CONTENT_TYPE,
                    "application/json"),
            request("Greeter.Hello", 6, "tenant", "x".repeat(100)),
        };
        for (byte[] b : blocks) {
            assertThat(read(b, strings)).containsExactlyEntriesOf(read(b));
        }
        assertThat(strings.leadLength()).isPositive();
        // the lead's bytes under a count that leaves its last pair out: trailing bytes, as when read alone
        byte[] shortCount = block(2, WireHeaders.SERVICE, "greeter", WireHeaders.ENDPOINT, "Greeter.Hello",
                WireHeaders.CONTENT_TYPE, "application/json");
        assertThatThrownBy(() -> read(shortCount)).isInstanceOf(io.netty.handler.codec.CorruptedFrameException.class);
        assertThatThrownBy(() -> read(shortCount, strings))
                .isInstanceOf(io.netty.handler.codec.CorruptedFrameException.class);
    }

    @Test
    void theLeadChangesAfterTwoBlocksInARowMissItNotWhenTwoKindsTakeTurns() throws Exception {
        HeaderStrings strings = new HeaderStrings();
        byte[] hello = request("Greeter.Hello", 1);
        byte[] chat = request("Greeter.Chat", 1);
        read(hello, strings);
        int helloLead = strings.leadLength();
        for (int i = 0; i < 4; i++) {
            read(chat, strings);
            assertThat(strings.leadLength()).isEqualTo(helloLead);
            read(hello, strings);
        }
        read(chat, strings);
        read(chat, strings);
        assertThat(strings.leadLength()).isEqualTo(helloLead - 1);
        assertThat(read(chat, strings)).containsExactlyEntriesOf(read(chat));
    }

    @Test
    void aSinkThatSkipsPerCallValuesIsNotGivenThem() throws Exception {
        Map<String, String> pairs = new LinkedHashMap<>();
        HeaderBlock.Sink skipping = new HeaderBlock.Sink() {
            @Override
            public void header(String name, String value) {
                pairs.put(name, value);
            }

            @Override
            public boolean skips(String name) {
                return WireHeaders.ID.equals(name);
            }
        };
        HeaderBlock.read(Unpooled.wrappedBuffer(request("Greeter.Hello", 7)), LIMITS, skipping, new HeaderStrings());
        assertThat(pairs).containsOnlyKeys(WireHeaders.SERVICE, WireHeaders.ENDPOINT, WireHeaders.CONTENT_TYPE,
                WireHeaders.TIMEOUT);
    }

    @Test
    void writesNumbersInDecimalAndTheSameBytesWithOrWithoutTheCache() throws Exception {
        HeaderBytes cache = new HeaderBytes();
        for (long timeout : new long[] {0, 7, 9, 10, 99, 100, 101, 12_345_678, 123_456_789, 1_000_000_007L,
            29_999_999_123L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, -42}) {
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
