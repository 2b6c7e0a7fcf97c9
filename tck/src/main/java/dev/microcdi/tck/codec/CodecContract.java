package dev.microcdi.tck.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.Codecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link Codec}: round trips, content types, {@code supports}, errors on bad bytes,
 * empty input and large values. A codec's test subclasses it and supplies samples through the hooks.
 */
public abstract class CodecContract {

    /**
     * A value and the type to decode it as.
     *
     * @param value the value; its decoded copy must be {@code equals} to it
     * @param type the Java type
     */
    public record Sample(Object value, Type type) {
    }

    /** The codec under test, made fresh for each test. */
    protected Codec codec;

    /**
     * Makes the codec under test.
     *
     * @return a new codec
     */
    protected abstract Codec newCodec();

    /**
     * The content type the codec must write.
     *
     * @return e.g. {@code application/json}
     */
    protected abstract String expectedContentType();

    /**
     * Values that must survive a round trip; at least one.
     *
     * @return the samples
     */
    protected abstract List<Sample> samples();

    /**
     * A value of about {@code bytes} encoded bytes.
     *
     * @param bytes the approximate encoded size
     * @return the sample
     */
    protected abstract Sample largeSample(int bytes);

    /**
     * A type the codec must not support.
     *
     * @return the type
     */
    protected abstract Type unsupportedType();

    /**
     * Byte sequences that do not decode as the type of the first sample.
     *
     * @return at least one undecodable input
     */
    protected abstract List<byte[]> undecodableInputs();

    /**
     * What empty input decodes to as the type of the first sample: a value when the format gives one
     * (protobuf's empty message), empty when empty input is an error (JSON).
     *
     * @return the expected value, or empty for a 400
     */
    protected abstract Optional<Object> emptyInputValue();

    @BeforeEach
    void createCodec() {
        codec = newCodec();
    }

    /**
     * Encodes a value to bytes.
     *
     * @param value the value
     * @return the bytes
     */
    protected byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        codec.encode(value, out);
        return out.toByteArray();
    }

    /**
     * Decodes bytes.
     *
     * @param bytes the bytes
     * @param type the type
     * @return the value
     */
    protected Object decode(byte[] bytes, Type type) {
        return codec.decode(new ByteArrayInputStream(bytes), type);
    }

    @Test
    void everySampleSurvivesARoundTrip() {
        assertThat(samples()).isNotEmpty();
        for (Sample s : samples()) {
            assertThat(decode(encode(s.value()), s.type())).as("round trip of %s", s.value()).isEqualTo(s.value());
        }
    }

    @Test
    void anEncodedSizeItGivesIsTheSizeItWrites() {
        for (Sample s : samples()) {
            int size = codec.encodedSize(s.value());
            if (size >= 0) {
                assertThat(size).as("encoded size of %s", s.value()).isEqualTo(encode(s.value()).length);
            } else {
                assertThat(size).as("unknown size of %s", s.value()).isEqualTo(-1);
            }
        }
    }

    @Test
    void supportsTheTypeOfEverySample() {
        for (Sample s : samples()) {
            assertThat(codec.supports(s.type())).as("supports %s", s.type()).isTrue();
        }
    }

    @Test
    void doesNotSupportAForeignType() {
        assertThat(codec.supports(unsupportedType())).isFalse();
    }

    @Test
    void writesItsContentTypeAndListsItFirst() {
        assertThat(codec.contentType()).isEqualTo(expectedContentType());
        assertThat(codec.contentTypes()).first().isEqualTo(expectedContentType());
        for (String ct : codec.contentTypes()) {
            assertThat(ct).isEqualTo(ct.toLowerCase(Locale.ROOT)).doesNotContain(";");
        }
    }

    @Test
    void isFoundByEveryContentTypeItReads() {
        Codecs codecs = new Codecs(List.of(codec));
        for (String ct : codec.contentTypes()) {
            assertThat(codecs.forContentType(ct)).isSameAs(codec);
            assertThat(codecs.forContentType(ct.toUpperCase(Locale.ROOT) + "; charset=utf-8")).isSameAs(codec);
        }
    }

    @Test
    void undecodableBytesGiveA400FromTheCodec() {
        Type type = samples().get(0).type();
        assertThat(undecodableInputs()).isNotEmpty();
        for (byte[] garbage : undecodableInputs()) {
            assertThatThrownBy(() -> decode(garbage, type)).isInstanceOfSatisfying(MicroException.class, e -> {
                assertThat(e.code()).isEqualTo(MicroException.BAD_REQUEST);
                assertThat(e.id()).isEqualTo("micro.codec");
                assertThat(e.detail()).isNotBlank();
            });
        }
    }

    @Test
    void emptyInputDecodesToTheFormatsEmptyValueOrGivesA400() {
        Type type = samples().get(0).type();
        Optional<Object> expected = emptyInputValue();
        if (expected.isPresent()) {
            assertThat(decode(new byte[0], type)).isEqualTo(expected.get());
        } else {
            assertThatThrownBy(() -> decode(new byte[0], type)).isInstanceOfSatisfying(MicroException.class,
                    e -> assertThat(e.code()).isEqualTo(MicroException.BAD_REQUEST));
        }
    }

    @Test
    void aLargeValueSurvivesARoundTrip() {
        Sample large = largeSample(3 * 1024 * 1024);
        byte[] bytes = encode(large.value());
        assertThat(bytes.length).isGreaterThan(2 * 1024 * 1024);
        assertThat(decode(bytes, large.type())).isEqualTo(large.value());
    }

    @Test
    void encodingLeavesTheStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new FilterOutputStream(bytes) {
            @Override
            public void close() throws IOException {
                closed[0] = true;
                super.close();
            }
        };
        codec.encode(samples().get(0).value(), out);
        out.flush();
        assertThat(closed[0]).isFalse();
        assertThat(bytes.size()).isPositive();
    }

    @Test
    void isSafeToShareBetweenThreads() {
        List<Sample> samples = samples();
        List<CompletableFuture<Boolean>> runs = IntStream.range(0, 8).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            for (int round = 0; round < 200; round++) {
                Sample s = samples.get((i + round) % samples.size());
                if (!decode(encode(s.value()), s.type()).equals(s.value())) {
                    return false;
                }
            }
            return true;
        })).toList();
        assertThat(runs).allSatisfy(r -> assertThat(r.join()).isTrue());
    }
}
