package dev.microcdi.broker.http;

import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import dev.microcdi.broker.support.SettingValues;
import dev.microcdi.transport.wire.HostPort;
import java.time.Duration;
import java.util.List;

/**
 * The settings of the HTTP broker, read from {@code micro.broker.http.*}.
 *
 * @param address where the broker's listener binds: {@code micro.broker.http.address}, else the host of
 *                {@code micro.server.address} with a free port, else Go Micro's default {@code 127.0.0.1:0}
 * @param addressSet whether {@code micro.broker.http.address} is set: the broker then listens there even
 *                   when it could receive on the RPC server's port
 * @param advertise the address registered for subscribers, or null for the bound address
 * @param outbox messages that may wait to be sent; a publish beyond it fails with 503
 * @param senders threads that post messages to subscribers
 * @param workers threads that run handlers of received messages
 * @param inbox received messages that may wait for a worker; beyond it the sender gets 503 and retries
 * @param maxSize the largest message body in bytes (413 beyond it)
 * @param attempts how many times a post to one subscriber is tried before the message is dropped for it
 * @param timeout how long one post may take
 * @param ttl the TTL of subscriber registrations
 * @param interval how often subscriber registrations are renewed
 * @param drain how long closing waits for the outbox to empty
 */
record HttpBrokerOptions(HostPort address, boolean addressSet, String advertise, int outbox, int senders, int workers, int inbox,
        int maxSize, int attempts, Duration timeout, Duration ttl, Duration interval, Duration drain) {

    static final Setting ADDRESS = new Setting("micro.broker.http.address",
            "Where the HTTP broker listens for messages when it has a port of its own; by default it receives on "
                    + "the RPC server's port when this process serves, else on the host of micro.server.address "
                    + "(loopback unless set) with a free port", "127.0.0.1:0");
    static final Setting ADVERTISE = new Setting("micro.broker.http.advertise",
            "The host:port subscribers register, when it differs from the bound address", "");
    static final Setting OUTBOX = new Setting("micro.broker.http.outbox",
            "Messages that may wait to be sent; a publish beyond it fails with 503", "10000");
    static final Setting SENDERS = new Setting("micro.broker.http.senders",
            "Threads that post messages to subscribers", "8");
    static final Setting WORKERS = new Setting("micro.broker.http.workers",
            "Threads that run the handlers of received messages", "8");
    static final Setting INBOX = new Setting("micro.broker.http.inbox",
            "Received messages that may wait for a worker; beyond it the sender is answered 503 and retries",
            "1000");
    static final Setting MAX_SIZE = new Setting("micro.broker.http.max-size",
            "Largest message body in bytes; larger ones fail with 413", "1048576");
    static final Setting ATTEMPTS = new Setting("micro.broker.http.attempts",
            "Posts of one message to one subscriber before it is dropped for that subscriber", "5");
    static final Setting TIMEOUT = new Setting("micro.broker.http.timeout", "How long one post may take", "5s");
    static final Setting TTL = new Setting("micro.broker.http.ttl", "TTL of subscriber registrations", "60s");
    static final Setting INTERVAL = new Setting("micro.broker.http.interval",
            "How often subscriber registrations are renewed", "30s");

    static final Setting DRAIN = new Setting("micro.broker.http.drain",
            "How long closing the broker waits for its outbox to be sent; what is left is dropped", "5s");

    static List<Setting> all() {
        return List.of(ADDRESS, ADVERTISE, OUTBOX, SENDERS, WORKERS, INBOX, MAX_SIZE, ATTEMPTS, TIMEOUT, TTL,
                INTERVAL, DRAIN);
    }

    static HttpBrokerOptions from(Settings s) {
        String advertise = s.string(ADVERTISE.key(), "");
        String address = s.get(ADDRESS.key()).orElseGet(() -> s.get("micro.server.address")
                .map(server -> new HostPort(HostPort.parse(server, "micro.server.address").host(), 0).toString())
                .orElse(ADDRESS.defaultValue()));
        return new HttpBrokerOptions(HostPort.parse(address, ADDRESS.key()), s.get(ADDRESS.key()).isPresent(),
                advertise.isEmpty() ? null : HostPort.parse(advertise, ADVERTISE.key()).toString(),
                SettingValues.positive(s, OUTBOX), SettingValues.positive(s, SENDERS),
                SettingValues.positive(s, WORKERS), SettingValues.positive(s, INBOX),
                SettingValues.positive(s, MAX_SIZE), SettingValues.positive(s, ATTEMPTS),
                SettingValues.duration(s, TIMEOUT), SettingValues.duration(s, TTL),
                SettingValues.duration(s, INTERVAL), s.duration(DRAIN.key(), Duration.ofSeconds(5)));
    }
}
