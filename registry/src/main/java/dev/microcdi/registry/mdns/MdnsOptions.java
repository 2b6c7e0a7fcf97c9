package dev.microcdi.registry.mdns;

import dev.microcdi.api.MicroException;
import dev.microcdi.api.Setting;
import dev.microcdi.api.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The settings of the mDNS registry, each read from one key of {@link #SETTINGS}.
 *
 * @param interfaces interface names or addresses to run on; loopback by default
 * @param domain the mDNS domain without dots, {@code micro} as in Go Micro
 * @param group the IPv4 multicast group
 * @param port the mDNS port
 * @param timeout how long a first lookup of a service collects answers
 * @param announcements how many times a new node is announced
 * @param announceInterval the pause before the second announcement; it doubles after each one
 * @param sweepInterval how often expired records and registrations are looked for
 * @param maxPacketBytes the largest packet sent; a node whose records do not fit is refused
 * @param maxTxtJsonBytes the largest JSON a received TXT record may inflate to
 */
public record MdnsOptions(List<String> interfaces, String domain, InetAddress group, int port, Duration timeout,
        int announcements, Duration announceInterval, Duration sweepInterval, int maxPacketBytes,
        int maxTxtJsonBytes) {

    /** {@code micro.registry.mdns.interface}. */
    public static final Setting INTERFACE = new Setting("micro.registry.mdns.interface",
            "Comma-separated interface names or IPv4 addresses to announce and listen on; name LAN interfaces "
                    + "to join a LAN", "127.0.0.1");
    /** {@code micro.registry.mdns.domain}. */
    public static final Setting DOMAIN = new Setting("micro.registry.mdns.domain",
            "The mDNS domain; Go Micro uses micro", "micro");
    /** {@code micro.registry.mdns.group}. */
    public static final Setting GROUP = new Setting("micro.registry.mdns.group",
            "The IPv4 multicast group", "224.0.0.251");
    /** {@code micro.registry.mdns.port}. */
    public static final Setting PORT = new Setting("micro.registry.mdns.port", "The mDNS port", "5353");
    /** {@code micro.registry.mdns.timeout}. */
    public static final Setting TIMEOUT = new Setting("micro.registry.mdns.timeout",
            "How long the first lookup of a service waits for answers; later lookups read what was heard", "100ms");
    /** {@code micro.registry.mdns.announcements}. */
    public static final Setting ANNOUNCEMENTS = new Setting("micro.registry.mdns.announcements",
            "How many times a new node is announced (the first at once)", "3");
    /** {@code micro.registry.mdns.announce-interval}. */
    public static final Setting ANNOUNCE_INTERVAL = new Setting("micro.registry.mdns.announce-interval",
            "The pause before the second announcement of a new node; it doubles after each one", "1s");
    /** {@code micro.registry.mdns.sweep}. */
    public static final Setting SWEEP = new Setting("micro.registry.mdns.sweep",
            "How often expired records and unrenewed registrations are looked for", "250ms");
    /** {@code micro.registry.mdns.max-packet}. */
    public static final Setting MAX_PACKET = new Setting("micro.registry.mdns.max-packet",
            "The largest mDNS packet sent, in bytes; a node whose records do not fit is refused", "9000");
    /** {@code micro.registry.mdns.max-txt}. */
    public static final Setting MAX_TXT = new Setting("micro.registry.mdns.max-txt",
            "The largest JSON a received TXT record may inflate to, in bytes", "65536");

    /** Every key, for {@link dev.microcdi.api.Provider#settings()}. */
    public static final List<Setting> SETTINGS = List.of(INTERFACE, DOMAIN, GROUP, PORT, TIMEOUT, ANNOUNCEMENTS,
            ANNOUNCE_INTERVAL, SWEEP, MAX_PACKET, MAX_TXT);

    /**
     * Validates the components.
     *
     * @throws MicroException 400 when a value is out of range
     */
    public MdnsOptions {
        interfaces = List.copyOf(interfaces);
        Objects.requireNonNull(group, "group");
        if (interfaces.isEmpty()) {
            throw invalid(INTERFACE, "", "at least one interface");
        }
        if (domain == null || domain.isBlank() || domain.contains(".")) {
            throw invalid(DOMAIN, domain, "one DNS label");
        }
        if (!group.isMulticastAddress() || group.getAddress().length != 4) {
            throw invalid(GROUP, group.getHostAddress(), "an IPv4 multicast address");
        }
        if (port < 1 || port > 65535) {
            throw invalid(PORT, String.valueOf(port), "a port");
        }
        if (announcements < 1) {
            throw invalid(ANNOUNCEMENTS, String.valueOf(announcements), "at least 1");
        }
        if (maxPacketBytes < 512 || maxPacketBytes > 65000) {
            throw invalid(MAX_PACKET, String.valueOf(maxPacketBytes), "between 512 and 65000");
        }
        if (maxTxtJsonBytes < 1024) {
            throw invalid(MAX_TXT, String.valueOf(maxTxtJsonBytes), "at least 1024");
        }
        if (sweepInterval.isZero() || announceInterval.isZero()) {
            throw invalid(sweepInterval.isZero() ? SWEEP : ANNOUNCE_INTERVAL, "0", "a positive duration");
        }
    }

    /**
     * Reads the options from settings.
     *
     * @param settings the configuration
     * @return the options
     * @throws MicroException 400 when a value is invalid
     */
    public static MdnsOptions from(Settings settings) {
        List<String> interfaces = settings.list(INTERFACE.key());
        String groupText = settings.string(GROUP.key(), GROUP.defaultValue());
        InetAddress group;
        try {
            group = InetAddress.getByName(groupText);
        } catch (UnknownHostException e) {
            throw invalid(GROUP, groupText, "an IPv4 multicast address");
        }
        return new MdnsOptions(interfaces.isEmpty() ? List.of(INTERFACE.defaultValue()) : interfaces,
                settings.string(DOMAIN.key(), DOMAIN.defaultValue()), group,
                settings.integer(PORT.key(), 5353),
                settings.duration(TIMEOUT.key(), Duration.ofMillis(100)),
                settings.integer(ANNOUNCEMENTS.key(), 3),
                settings.duration(ANNOUNCE_INTERVAL.key(), Duration.ofSeconds(1)),
                settings.duration(SWEEP.key(), Duration.ofMillis(250)),
                settings.integer(MAX_PACKET.key(), 9000),
                settings.integer(MAX_TXT.key(), 65536));
    }

    private static MicroException invalid(Setting setting, String value, String expected) {
        return MicroException.badRequest("micro.config", "setting %s=%s is not %s", setting.key(), value, expected);
    }

    /**
     * The domain as a fully qualified suffix, e.g. {@code micro.}.
     *
     * @return the suffix
     */
    String domainName() {
        return domain + ".";
    }
}
