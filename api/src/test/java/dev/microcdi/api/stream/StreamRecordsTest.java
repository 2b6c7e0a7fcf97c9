package dev.microcdi.api.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamRecordsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eventsCompareTheirPayloadBytesAndCopyThem() {
        byte[] payload = utf8("paid");
        Event event = new Event("1", "orders", T0, Map.of("k", "v"), payload);
        payload[0] = 'X';
        event.payload()[0] = 'Y';

        assertThat(event).isEqualTo(new Event("1", "orders", T0, Map.of("k", "v"), utf8("paid")))
                .hasSameHashCodeAs(new Event("1", "orders", T0, Map.of("k", "v"), utf8("paid")));
        assertThat(event).isNotEqualTo(new Event("1", "orders", T0, Map.of("k", "v"), utf8("paiD")));
        assertThat(event.payloadSize()).isEqualTo(4);
        assertThat(event.toString()).contains("4 bytes");
    }

    @Test
    void eventsNeedAnIdATopicAndATimestamp() {
        assertThatThrownBy(() -> new Event(" ", "t", T0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Event("1", "", T0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Event("1", "t", null, null, null)).isInstanceOf(NullPointerException.class);
        assertThat(new Event("1", "t", T0, null, null).payload()).isEmpty();
    }

    @Test
    void publishOptionsDefaultToNoMetadataAndThePublishingTime() {
        assertThat(PublishOptions.DEFAULT.metadata()).isEmpty();
        assertThat(PublishOptions.DEFAULT.timestamp()).isNull();
        assertThat(PublishOptions.builder().metadata("a", "1").metadata(Map.of("b", "2")).timestamp(T0).build())
                .isEqualTo(new PublishOptions(Map.of("a", "1", "b", "2"), T0));
    }

    @Test
    void offsetsOfOneKindAndValueAreEqual() {
        assertThat(Offset.earliest()).isEqualTo(Offset.earliest()).isNotEqualTo(Offset.latest());
        assertThat(Offset.at(T0)).isEqualTo(new Offset.Time(T0));
        assertThat(Offset.sequence(1)).isEqualTo(new Offset.Sequence(1));
    }

    @Test
    void offsetsRejectANullTimeAndSequencesBelowOne() {
        assertThatThrownBy(() -> Offset.at(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Offset.sequence(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void consumeOptionsDefaultToFanOutFromLatestWithAutoAckAndUnlimitedRetries() {
        ConsumeOptions d = ConsumeOptions.DEFAULT;

        assertThat(d.group()).isEmpty();
        assertThat(d.offset()).isEqualTo(Offset.latest());
        assertThat(d.autoAck()).isTrue();
        assertThat(d.ackWait()).isNull();
        assertThat(d.retryLimit()).isEqualTo(-1);
        assertThat(d.deadLetterTopic()).isEmpty();
        assertThat(d.redeliveryDelay()).isZero();
        assertThat(ConsumeOptions.builder().build()).isEqualTo(d);
    }

    @Test
    void manualAcknowledgementRequiresAnAckWait() {
        ConsumeOptions manual = ConsumeOptions.builder().manualAck(Duration.ofSeconds(5)).build();

        assertThat(manual.autoAck()).isFalse();
        assertThat(manual.ackWait()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ConsumeOptions.builder().manualAck(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ackWait is required");
        assertThatThrownBy(() -> ConsumeOptions.builder().ackWait(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void consumeOptionsBuilderSetsEveryField() {
        ConsumeOptions options = ConsumeOptions.builder().group(" billing ").offset(Offset.earliest())
                .manualAck(Duration.ofSeconds(1)).autoAck().retryLimit(3).deadLetterTopic("orders.dead")
                .redeliveryDelay(Duration.ofMillis(200)).build();

        assertThat(options).isEqualTo(new ConsumeOptions("billing", Offset.earliest(), true, Duration.ofSeconds(1),
                3, "orders.dead", Duration.ofMillis(200)));
        assertThat(ConsumeOptions.group("billing").group()).isEqualTo("billing");
    }

    @Test
    void consumeOptionsRejectOutOfRangeValues() {
        assertThatThrownBy(() -> ConsumeOptions.builder().retryLimit(-2).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsumeOptions.builder().redeliveryDelay(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsumeOptions.builder().offset(null).build())
                .isInstanceOf(NullPointerException.class);
        assertThat(ConsumeOptions.builder().retryLimit(0).build().retryLimit()).isZero();
    }
}
