package dev.microcdi.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreRecordsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsCompareAndCopyTheirValueBytes() {
        byte[] value = utf8("v1");
        Record record = new Record("k", value, Map.of("m", "1"), T0, 3);
        value[0] = 'X';
        record.value()[0] = 'Y';

        assertThat(record).isEqualTo(new Record("k", utf8("v1"), Map.of("m", "1"), T0, 3))
                .hasSameHashCodeAs(new Record("k", utf8("v1"), Map.of("m", "1"), T0, 3));
        assertThat(record).isNotEqualTo(new Record("k", utf8("v1"), Map.of("m", "1"), T0, 4));
        assertThat(record.valueSize()).isEqualTo(2);
        assertThat(record.toString()).contains("2 bytes");
    }

    @Test
    void recordOfHasNoMetadataNoExpiryAndNoVersion() {
        Record record = Record.of("k", null);

        assertThat(record.value()).isEmpty();
        assertThat(record.metadata()).isEmpty();
        assertThat(record.expiry()).isNull();
        assertThat(record.version()).isZero();
        assertThat(record.isExpired(Instant.MAX)).isFalse();
    }

    @Test
    void recordsExpireAtTheirExpiry() {
        Record record = new Record("k", null, null, T0, 0);

        assertThat(record.isExpired(T0.minusMillis(1))).isFalse();
        assertThat(record.isExpired(T0)).isTrue();
    }

    @Test
    void recordsNeedAKeyAndANonNegativeVersion() {
        assertThatThrownBy(() -> Record.of("", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Record.of(null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Record("k", null, null, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readOptionsDefaultToOneExactKeyInTheStoresTable() {
        assertThat(ReadOptions.DEFAULT.exact()).isTrue();
        assertThat(ReadOptions.builder().build()).isEqualTo(ReadOptions.DEFAULT);
        ReadOptions range = ReadOptions.builder().from("db", "t").prefix().suffix().limit(10).offset(5).build();
        assertThat(range).isEqualTo(new ReadOptions("db", "t", true, true, 10, 5));
        assertThat(range.exact()).isFalse();
    }

    @Test
    void optionsRejectBlankNamesAndNegativePages() {
        assertThatThrownBy(() -> ReadOptions.builder().from(" ", null).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListOptions.builder().from(null, "").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReadOptions.builder().limit(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ListOptions.builder().offset(-1).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeOptionsDefaultToAnUnconditionalWriteKeepingTheRecordsExpiry() {
        assertThat(WriteOptions.DEFAULT.ifVersion()).isEqualTo(WriteOptions.ANY_VERSION);
        assertThat(WriteOptions.DEFAULT.ttl()).isNull();
        assertThat(WriteOptions.builder().build()).isEqualTo(WriteOptions.DEFAULT);
        assertThat(WriteOptions.builder().to("db", "t").ttl(Duration.ofSeconds(5)).ifAbsent().build())
                .isEqualTo(new WriteOptions("db", "t", Duration.ofSeconds(5), WriteOptions.ABSENT));
        assertThat(WriteOptions.builder().ifVersion(7).build().ifVersion()).isEqualTo(7);
    }

    @Test
    void writeOptionsRejectANonPositiveTtlAndUnknownConditions() {
        assertThatThrownBy(() -> WriteOptions.builder().ttl(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteOptions.builder().ifVersion(-2).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteOptionsTakeAnyVersionOrAPositiveOne() {
        assertThat(DeleteOptions.builder().build()).isEqualTo(DeleteOptions.DEFAULT);
        assertThat(DeleteOptions.ifVersion(4)).isEqualTo(new DeleteOptions(null, null, 4));
        assertThat(DeleteOptions.builder().from("db", "t").ifVersion(2).build())
                .isEqualTo(new DeleteOptions("db", "t", 2));
        assertThatThrownBy(() -> DeleteOptions.ifVersion(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeleteOptions.ifVersion(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listOptionsMatchPrefixAndSuffix() {
        ListOptions options = ListOptions.builder().prefix("user/").suffix("/profile").limit(2).build();

        assertThat(options.matches("user/42/profile")).isTrue();
        assertThat(options.matches("user/42/avatar")).isFalse();
        assertThat(options.matches("admin/42/profile")).isFalse();
        assertThat(ListOptions.DEFAULT.matches("anything")).isTrue();
        assertThat(new ListOptions(null, null, null, null, 0, 0)).isEqualTo(ListOptions.DEFAULT);
        assertThat(ListOptions.builder().build()).isEqualTo(ListOptions.DEFAULT);
    }
}
