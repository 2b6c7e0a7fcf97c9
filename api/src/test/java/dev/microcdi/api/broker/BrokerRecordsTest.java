package dev.microcdi.api.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerRecordsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesWithTheSameBytesAreEqual() {
        Message a = new Message(Map.of("Micro-Topic", "orders"), utf8("hello"));
        Message b = new Message(Map.of("Micro-Topic", "orders"), utf8("hello"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new Message(Map.of("Micro-Topic", "orders"), utf8("hellO")));
        assertThat(a).isNotEqualTo(new Message(Map.of(), utf8("hello")));
    }

    @Test
    void theBodyIsCopiedInAndOut() {
        byte[] body = utf8("abc");
        Message message = Message.of(body);
        body[0] = 'X';
        message.body()[1] = 'Y';

        assertThat(message.body()).isEqualTo(utf8("abc"));
        assertThat(message.bodySize()).isEqualTo(3);
    }

    @Test
    void headersAreCopiedAndNullsBecomeEmpty() {
        Map<String, String> header = new HashMap<>(Map.of("a", "1"));
        Message message = new Message(header, null);
        header.put("b", "2");

        assertThat(message.header()).containsExactly(Map.entry("a", "1"));
        assertThat(message.body()).isEmpty();
        assertThat(new Message(null, null).header()).isEmpty();
        assertThatThrownBy(() -> message.header().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringShowsTheBodySizeNotItsBytes() {
        assertThat(Message.of(utf8("secret")).toString()).contains("6 bytes").doesNotContain("secret");
    }

    @Test
    void subscribeOptionsDefaultToEveryMessageAcknowledgedAutomatically() {
        assertThat(SubscribeOptions.DEFAULT.queue()).isEmpty();
        assertThat(SubscribeOptions.DEFAULT.autoAck()).isTrue();
        assertThat(SubscribeOptions.builder().build()).isEqualTo(SubscribeOptions.DEFAULT);
        assertThat(new SubscribeOptions(null, true)).isEqualTo(SubscribeOptions.DEFAULT);
    }

    @Test
    void subscribeOptionsBuilderAndQueueFactory() {
        assertThat(SubscribeOptions.builder().queue(" workers ").autoAck(false).build())
                .isEqualTo(new SubscribeOptions("workers", false));
        assertThat(SubscribeOptions.queue("workers")).isEqualTo(new SubscribeOptions("workers", true));
    }
}
