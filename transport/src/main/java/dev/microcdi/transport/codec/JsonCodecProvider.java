package dev.microcdi.transport.codec;

import dev.microcdi.api.Settings;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.CodecProvider;

/** Installs {@link JsonCodec}; its priority puts JSON first for types both codecs could write. */
public final class JsonCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return "json";
    }

    @Override
    public String description() {
        return "application/json through Jackson, for records and POJOs";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Codec create(Settings settings) {
        return new JsonCodec();
    }
}
