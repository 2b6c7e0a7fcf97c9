package dev.microcdi.api.codec;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;

/** Makes {@link Codec} instances; every provider found is installed, keyed by its content types. */
public interface CodecProvider extends Provider {

    /**
     * Creates a codec.
     *
     * @param settings the configuration
     * @return a new codec
     */
    Codec create(Settings settings);
}
