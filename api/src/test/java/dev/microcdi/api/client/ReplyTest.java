package dev.microcdi.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplyTest {

    interface Contract {
        Reply<String> hello(String request);

        Reply<List<String>> list(String request);

        List<String> plain(String request);
    }

    private static Type returnType(String method) throws NoSuchMethodException {
        return Contract.class.getMethod(method, String.class).getGenericReturnType();
    }

    @Test
    void theTypeOfAReplyEqualsTheSameTypeReadByReflection() throws Exception {
        assertThat(Reply.type(String.class)).isEqualTo(returnType("hello")).hasSameHashCodeAs(returnType("hello"));
        assertThat(returnType("hello")).isEqualTo(Reply.type(String.class));
        Type list = ((java.lang.reflect.ParameterizedType) returnType("plain"));
        assertThat(Reply.type(list)).isEqualTo(returnType("list")).hasSameHashCodeAs(returnType("list"));
        assertThat(Reply.type(String.class)).isNotEqualTo(Reply.type(Integer.class));
        assertThat(Reply.type(String.class).getTypeName()).isEqualTo("dev.microcdi.api.client.Reply<java.lang.String>");
    }

    @Test
    void tellsAReplyTypeAndItsValueType() throws Exception {
        assertThat(Reply.isReplyType(Reply.type(String.class))).isTrue();
        assertThat(Reply.isReplyType(returnType("list"))).isTrue();
        assertThat(Reply.isReplyType(returnType("plain"))).isFalse();
        assertThat(Reply.isReplyType(Reply.class)).isFalse();
        assertThat(Reply.valueType(returnType("list"))).isEqualTo(returnType("plain"));
        assertThatThrownBy(() -> Reply.valueType(String.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesTheMetadata() {
        Map<String, String> metadata = new HashMap<>(Map.of("x-node", "a"));
        Reply<String> reply = new Reply<>("v", metadata);
        metadata.put("x-later", "b");
        assertThat(reply.metadata()).containsExactly(Map.entry("x-node", "a"));
        assertThatThrownBy(() -> reply.metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new Reply<>("v", null).metadata()).isEmpty();
    }
}
