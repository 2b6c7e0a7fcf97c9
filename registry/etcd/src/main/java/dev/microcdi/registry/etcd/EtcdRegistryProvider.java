package dev.microcdi.registry.etcd;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.api.registry.RegistryProvider;
import java.util.List;

/** The {@code etcd} registry: {@link EtcdRegistry}, for clusters that span hosts. */
public final class EtcdRegistryProvider implements RegistryProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public EtcdRegistryProvider() {
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public String description() {
        return "etcd v3: registrations under leases, watch-based updates, Go Micro's key layout";
    }

    @Override
    public List<Setting> settings() {
        return EtcdOptions.SETTINGS;
    }

    @Override
    public Registry create(Settings settings) {
        return new EtcdRegistry(EtcdOptions.from(settings));
    }
}
