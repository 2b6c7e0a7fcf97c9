package dev.microcdi.transport.stream;

import dev.microcdi.api.client.Client;
import dev.microcdi.api.server.Server;
import java.util.HashMap;
import java.util.Map;

/** The streaming contract with handlers and callbacks on the event loops (the direct, non-blocking mode). */
class MucpDirectStreamingContractTest extends MucpStreamingContractTest {

    @Override
    protected Server newServer(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("micro.server.handler-threads", "event-loop");
        return super.newServer(all);
    }

    @Override
    protected Client newClient(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("micro.client.direct-callbacks", "true");
        return super.newClient(all);
    }
}
