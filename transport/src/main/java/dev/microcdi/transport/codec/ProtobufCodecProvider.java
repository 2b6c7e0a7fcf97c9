package dev.microcdi.transport.codec;

import dev.microcdi.api.Settings;
import dev.microcdi.api.codec.Codec;
import dev.microcdi.api.codec.CodecProvider;

/** Installs {@link ProtobufCodec}. */
public final class ProtobufCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return "protobuf";
    }

    @Override
    public String description() {
        return "application/protobuf (and application/x-protobuf) for generated protobuf messages";
    }

    @Override
    public int priority() {
        return 5;
    }

    @Override
    public Codec create(Settings settings) {
        return new ProtobufCodec();
    }
}
