package dev.microcdi.transport.client;

import dev.microcdi.api.Setting;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.client.ClientProvider;
import java.util.List;
import java.util.stream.Stream;

/** Provides {@link MucpClient} as {@code mucp}, the default client. */
public final class MucpClientProvider implements ClientProvider {

    @Override
    public String name() {
        return "mucp";
    }

    @Override
    public String description() {
        return "Netty client speaking the micro-cdi binary wire (mcdi/1), with selection, deadlines and retries";
    }

    @Override
    public List<Setting> settings() {
        return Stream.of(ClientSettings.settings(), BalancingSettings.settings(), ReconnectSettings.settings(),
                        MucpClient.settings())
                .flatMap(List::stream).toList();
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Client create(ClientContext context) {
        return new MucpClient(context, ClientSettings.from(context.settings()));
    }
}
