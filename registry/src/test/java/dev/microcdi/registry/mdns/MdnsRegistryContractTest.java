package dev.microcdi.registry.mdns;

import dev.microcdi.api.Settings;
import dev.microcdi.api.registry.Registry;
import dev.microcdi.tck.registry.RegistryContract;
import java.util.Map;
import java.util.UUID;

/**
 * Two mDNS registries with their own sockets on loopback run the registry contract: one registers, the
 * other observes. Each test class uses its own domain, so concurrent builds do not see each other.
 */
class MdnsRegistryContractTest extends RegistryContract {
    private final String domain = "t" + UUID.randomUUID().toString().substring(0, 8);

    private Registry open() {
        return new MdnsRegistry(MdnsOptions.from(Settings.of(Map.of("micro.registry.mdns.domain", domain))));
    }

    @Override
    protected Registry newRegistry() {
        return open();
    }

    @Override
    protected Registry newPeerRegistry() {
        return open();
    }
}
