package dev.microcdi.cdi;

import dev.microcdi.api.Settings;
import java.lang.System.Logger.Level;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@link Settings} read from MicroProfile Config. Where no MicroProfile Config implementation is present,
 * the system properties serve instead, so that the extension also runs in a bare CDI container.
 */
final class ConfigSettings {
    private static final System.Logger LOG = System.getLogger(ConfigSettings.class.getName());

    private ConfigSettings() {
    }

    static Settings load(ClassLoader loader) {
        try {
            Config config = ConfigProvider.getConfig(loader);
            return key -> lookup(config, key);
        } catch (LinkageError | IllegalStateException noImplementation) {
            LOG.log(Level.INFO, "No MicroProfile Config implementation found ({0}); reading micro.* settings "
                    + "from system properties", noImplementation.toString());
            return Settings.systemProperties();
        }
    }

    private static Optional<String> lookup(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }
}
