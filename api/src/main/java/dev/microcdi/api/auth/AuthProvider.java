package dev.microcdi.api.auth;

import dev.microcdi.api.Provider;
import dev.microcdi.api.Settings;

/** Makes {@link Auth} instances; chosen by {@code micro.auth} (default {@code noop}; also {@code jwt}). */
public interface AuthProvider extends Provider {

    /**
     * Creates an auth.
     *
     * @param settings the configuration ({@code micro.auth.*})
     * @return a new auth, which the caller closes
     */
    Auth create(Settings settings);
}
