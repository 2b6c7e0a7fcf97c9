package dev.microcdi.cdi;

import dev.microcdi.api.Settings;
import java.util.Optional;

/**
 * The settings of one service's client: {@code micro.client."greeter".timeout} overrides
 * {@code micro.client.timeout} for calls to {@code greeter}. The unquoted form
 * {@code micro.client.greeter.timeout} is read too, for names without dots.
 */
final class ServiceSettings {
    private static final String PREFIX = "micro.client.";

    private ServiceSettings() {
    }

    /** Settings in which every {@code micro.client.X} key is first looked up for the given service. */
    static Settings forService(Settings base, String service) {
        return key -> {
            if (key.startsWith(PREFIX)) {
                String rest = key.substring(PREFIX.length());
                Optional<String> v = base.get(PREFIX + "\"" + service + "\"." + rest);
                if (v.isEmpty() && service.indexOf('.') < 0) {
                    v = base.get(PREFIX + service + "." + rest);
                }
                if (v.isPresent()) {
                    return v;
                }
            }
            return base.get(key);
        };
    }
}
