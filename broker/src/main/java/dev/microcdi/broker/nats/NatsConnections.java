package dev.microcdi.broker.nats;

import dev.microcdi.api.MicroException;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Opens NATS connections and converts headers, for the NATS broker and the JetStream stream. */
final class NatsConnections {
    private NatsConnections() {
    }

    static Connection connect(String id, String url, String name, Duration timeout) {
        Options options = new Options.Builder().server(url).connectionName(name).connectionTimeout(timeout)
                .maxReconnects(-1).build();
        try {
            return Nats.connect(options);
        } catch (IOException e) {
            throw new MicroException(id, MicroException.UNAVAILABLE, "cannot connect to NATS at " + url + ": " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MicroException.unavailable(id, "interrupted while connecting to NATS at %s", url);
        }
    }

    static Headers headers(Map<String, String> values) {
        Headers h = new Headers();
        values.forEach(h::put);
        return h;
    }

    static Map<String, String> map(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers != null) {
            for (String key : headers.keySet()) {
                List<String> values = headers.get(key);
                if (values != null && !values.isEmpty()) {
                    out.put(key, values.get(0));
                }
            }
        }
        return out;
    }
}
