package dev.microcdi.broker.support;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import java.time.Duration;

/** Reads a declared {@link Setting}, its default coming from the declaration. */
public final class SettingValues {
    private SettingValues() {
    }

    /**
     * A positive integer setting.
     *
     * @param settings the configuration
     * @param setting the declared key and default
     * @return the value
     * @throws MicroException 400 when it is not an integer of 1 or more
     */
    public static int positive(Settings settings, Setting setting) {
        int v = settings.integer(setting.key(), Integer.parseInt(setting.defaultValue()));
        if (v < 1) {
            throw MicroException.badRequest("micro.config", "setting %s=%d must be 1 or more", setting.key(), v);
        }
        return v;
    }

    /**
     * A positive duration setting.
     *
     * @param settings the configuration
     * @param setting the declared key and default
     * @return the value
     * @throws MicroException 400 when it is not a positive duration
     */
    public static Duration duration(Settings settings, Setting setting) {
        Duration v = settings.duration(setting.key(), Settings.parseDuration(setting.defaultValue()));
        if (v.isZero()) {
            throw MicroException.badRequest("micro.config", "setting %s must be more than zero", setting.key());
        }
        return v;
    }

    /**
     * A string setting.
     *
     * @param settings the configuration
     * @param setting the declared key and default
     * @return the value
     */
    public static String string(Settings settings, Setting setting) {
        return settings.string(setting.key(), setting.defaultValue());
    }
}
