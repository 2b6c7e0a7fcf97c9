package dev.microcdi.api.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One key and its value in a {@link Store}, Go Micro's {@code store.Record}.
 *
 * <p>The expiry is a point in time rather than Go Micro's remaining duration, so that a record read and
 * written back keeps its expiry instead of gaining the time that passed in between. Use
 * {@link WriteOptions#ttl()} to give a time to live on write.
 *
 * <p>The value is copied when the record is made and each time it is read, so a record is immutable and safe
 * to share between threads. Two records are equal when every component is, the values compared byte by byte.
 *
 * @param key the key; never empty
 * @param value the value; null becomes empty
 * @param metadata metadata stored with the value; never null, no null names or values
 * @param expiry when the record expires, or null for never; an expired record is never returned
 * @param version the version the store gave this record's last write, 1 or more, which changes on every write
 *                of the key and is what {@link WriteOptions#ifVersion()} compares; 0 for a record that is not
 *                read from a store (ignored on write)
 */
public record Record(String key, byte[] value, Map<String, String> metadata, Instant expiry, long version) {

    /**
     * Validates and copies the components.
     *
     * @param key the key; never empty
     * @param value the value; null becomes empty
     * @param metadata metadata stored with the value; never null, no null names or values
     * @param expiry when the record expires, or null for never; an expired record is never returned
     * @param version the version the store gave this record's last write, 1 or more, which changes on every
     *   write of the key and is what {@link WriteOptions#ifVersion()} compares; 0 for a record that is not read
     *   from a store (ignored on write)
     */
    public Record {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("record key is empty");
        }
        value = value == null ? new byte[0] : value.clone();
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative: " + version);
        }
    }

    /**
     * A record to write: no metadata, no expiry.
     *
     * @param key the key
     * @param value the value; copied
     * @return the record
     */
    public static Record of(String key, byte[] value) {
        return new Record(key, value, Map.of(), null, 0);
    }

    /**
     * The value.
     *
     * @return a copy of the value bytes
     */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /**
     * The size of the value, read without copying it.
     *
     * @return the number of value bytes
     */
    public int valueSize() {
        return value.length;
    }

    /**
     * Whether the record has expired at a time.
     *
     * @param now the time to compare with
     * @return true when it has an expiry that is not after {@code now}
     */
    public boolean isExpired(Instant now) {
        return expiry != null && !expiry.isAfter(now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record r && key.equals(r.key) && Arrays.equals(value, r.value)
                && metadata.equals(r.metadata) && Objects.equals(expiry, r.expiry) && version == r.version;
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(key, metadata, expiry, version) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Record[key=" + key + ", value=" + value.length + " bytes, metadata=" + metadata + ", expiry="
                + expiry + ", version=" + version + "]";
    }
}
