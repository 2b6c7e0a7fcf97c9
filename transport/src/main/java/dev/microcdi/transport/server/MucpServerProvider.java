package dev.microcdi.transport.server;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.api.codec.Codecs;
import dev.microcdi.api.server.Server;
import dev.microcdi.api.server.ServerProvider;
import java.util.List;

/** Provides {@link MucpServer} as {@code mucp}, the default server. */
public final class MucpServerProvider implements ServerProvider {

    @Override
    public String name() {
        return "mucp";
    }

    @Override
    public String description() {
        return "Netty server speaking the micro-cdi binary wire (mcdi/1)";
    }

    @Override
    public List<Setting> settings() {
        return ServerSettings.settings();
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Server create(Settings settings, Codecs codecs) {
        return new MucpServer(ServerSettings.from(settings), codecs);
    }
}
