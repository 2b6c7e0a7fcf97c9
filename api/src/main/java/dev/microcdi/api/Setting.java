package dev.microcdi.api;

/**
 * One configuration key that a provider reads, declared in one place so that documentation and validation
 * follow from it.
 *
 * @param key the full key, e.g. {@code micro.registry.mdns.interface}
 * @param description what the key changes
 * @param defaultValue the value used when the key is not set, as text; empty when there is none
 */
public record Setting(String key, String description, String defaultValue) {
}
