package dev.microcdi.broker.http;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.broker.Broker;
import dev.microcdi.api.broker.BrokerProvider;
import dev.microcdi.api.registry.Registry;
import java.util.List;

/** The {@code http} broker, the default: Go Micro's HTTP broker, subscribers found through the registry. */
public final class HttpBrokerProvider implements BrokerProvider {

    /** Creates the provider; called by {@link java.util.ServiceLoader}. */
    public HttpBrokerProvider() {
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public String description() {
        return "Go Micro's HTTP broker: subscribers register as micro.http.broker and receive JSON POSTs";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public List<Setting> settings() {
        return HttpBrokerOptions.all();
    }

    @Override
    public Broker create(Settings settings, Registry registry) {
        return new HttpBroker(HttpBrokerOptions.from(settings), registry);
    }
}
