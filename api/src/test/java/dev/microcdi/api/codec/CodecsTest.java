package dev.microcdi.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecsTest {

    /** A codec that writes strings as UTF-8 text, enough to tell codecs apart. */
    private record TextCodec(String contentType, List<String> contentTypes, Class<?> type) implements Codec {
        @Override
        public boolean supports(Type t) {
            return t == type;
        }

        @Override
        public void encode(Object value, OutputStream out) {
            try {
                out.write(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Object decode(InputStream in, Type t) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Codec json = new TextCodec("application/json", List.of("application/json", "text/json"),
            String.class);
    private final Codec bytes = new TextCodec("application/octet-stream", List.of("application/octet-stream"),
            byte[].class);
    private final Codec otherJson = new TextCodec("application/json", List.of("application/json"), String.class);
    private final Codecs codecs = new Codecs(List.of(json, bytes, otherJson));

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON",
            " application/json ;charset=UTF-8", "text/json"})
    void findsTheCodecIgnoringCaseAndParameters(String contentType) {
        assertThat(codecs.forContentType(contentType)).isSameAs(json);
    }

    @Test
    void theFirstCodecWinsForASharedContentType() {
        assertThat(new Codecs(List.of(otherJson, json)).forContentType("application/json")).isSameAs(otherJson);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "", "application/jsonx"})
    void unknownContentTypesFailWith415(String contentType) {
        assertThatThrownBy(() -> codecs.forContentType(contentType))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(415);
                    assertThat(e.id()).isEqualTo("micro.codec");
                    assertThat(e.detail()).contains(contentType);
                });
    }

    @Test
    void forTypePrefersTheFirstSupportingCodec() {
        assertThat(codecs.forType(String.class)).isSameAs(json);
        assertThat(codecs.forType(byte[].class)).isSameAs(bytes);
        assertThat(codecs.all()).containsExactly(json, bytes, otherJson);
    }

    @Test
    void forTypeFailsWith415WhenNoCodecSupportsItEveryTimeItIsAsked() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> codecs.forType(Integer.class))
                    .isInstanceOfSatisfying(MicroException.class, e -> {
                        assertThat(e.code()).isEqualTo(415);
                        assertThat(e.detail()).contains("java.lang.Integer");
                    });
        }
    }

    @Test
    void forTypeAsksTheCodecsOncePerClass() {
        AtomicInteger asked = new AtomicInteger();
        Codec counting = new TextCodec("text/plain", List.of("text/plain"), String.class);
        Codecs c = new Codecs(List.of(new Codec() {
            @Override
            public String contentType() {
                return "text/plain";
            }

            @Override
            public boolean supports(Type type) {
                asked.incrementAndGet();
                return type == String.class;
            }

            @Override
            public void encode(Object value, OutputStream out) {
                counting.encode(value, out);
            }

            @Override
            public Object decode(InputStream in, Type type) {
                return counting.decode(in, type);
            }
        }));
        Codec first = c.forType(String.class);
        assertThat(c.forType(String.class)).isSameAs(first);
        assertThat(asked).hasValue(1);
        assertThat(first.encodedSize("x")).isEqualTo(-1);
    }
}
