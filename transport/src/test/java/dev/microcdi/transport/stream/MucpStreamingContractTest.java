package dev.microcdi.transport.stream;

import dev.microcdi.api.Settings;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.ClientContext;
import dev.microcdi.api.server.Server;
import dev.microcdi.tck.transport.StreamingTransportContract;
import dev.microcdi.transport.EchoNode;
import dev.microcdi.transport.MemoryNodes;
import dev.microcdi.transport.client.ClientSettings;
import dev.microcdi.transport.client.MucpClient;
import dev.microcdi.transport.selector.RoundRobinSelector;
import dev.microcdi.transport.server.MucpServer;
import dev.microcdi.transport.server.ServerSettings;
import java.util.Map;

class MucpStreamingContractTest extends StreamingTransportContract {

    @Override
    protected Server newServer(Map<String, String> settings) {
        return new MucpServer(ServerSettings.from(Settings.of(settings)), EchoNode.codecs());
    }

    @Override
    protected Client newClient(Map<String, String> settings) {
        Settings s = Settings.of(settings);
        RoundRobinSelector selector = new RoundRobinSelector();
        return new MucpClient(new ClientContext(s, new MemoryNodes(), svc -> selector, EchoNode.codecs()),
                ClientSettings.from(s));
    }
}
