package dev.microcdi.broker.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void aTimestampSurvivesItsTextFormToTheNanosecond() {
        for (Instant t : new Instant[] {Instant.parse("2026-01-02T03:04:05.000000007Z"), Instant.EPOCH,
                Instant.ofEpochSecond(-5, 1), Instant.ofEpochSecond(1_700_000_000L, 999_999_999)}) {
            assertThat(Timestamps.parse(Timestamps.format(t))).isEqualTo(t);
        }
        assertThat(Timestamps.format(Instant.ofEpochSecond(12, 34))).isEqualTo("12.000000034");
    }

    @Test
    void isoTextIsReadAndGarbageIsNot() {
        assertThat(Timestamps.parse("2026-01-02T03:04:05Z")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(Timestamps.parse("yesterday")).isNull();
        assertThat(Timestamps.parse("1.2")).isNull();
        assertThat(Timestamps.parse(null)).isNull();
    }
}
