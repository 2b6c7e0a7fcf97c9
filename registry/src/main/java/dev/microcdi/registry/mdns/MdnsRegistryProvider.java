package dev.microcdi.registry.mdns;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryProvider;
import java.util.List;

/** The {@code mdns} registry, the default: {@link MdnsRegistry} on loopback unless interfaces are named. */
public final class MdnsRegistryProvider implements RegistryProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public MdnsRegistryProvider() {
    }

    @Override
    public String name() {
        return "mdns";
    }

    @Override
    public String description() {
        return "Multicast DNS with Go Micro's record layout; loopback by default, LAN interfaces when named";
    }

    @Override
    public List<Setting> settings() {
        return MdnsOptions.SETTINGS;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Registry create(Settings settings) {
        return new MdnsRegistry(MdnsOptions.from(settings));
    }
}
