package dev.microcdi.api.store;

import java.time.Duration;

/**
 * Options of {@link Store#write(Record, WriteOptions)}, Go Micro's {@code WriteTo} and {@code WriteTTL}, plus
 * a compare-and-set condition on the key's version that locks and leader election build on.
 *
 * @param database the database, or null (the default) for the store's
 * @param table the table, or null (the default) for the store's
 * @param ttl how long the record lives from this write, overriding {@link Record#expiry()}; null (the default)
 *            keeps the record's expiry
 * @param ifVersion the condition: {@link #ANY_VERSION} (-1, the default) writes unconditionally,
 *                  {@link #ABSENT} (0) writes only when the key has no live record, a positive number writes
 *                  only when the key's current version is that number; otherwise the write fails with 409
 */
public record WriteOptions(String database, String table, Duration ttl, long ifVersion) {

    /** {@link #ifVersion()} for an unconditional write. */
    public static final long ANY_VERSION = -1;

    /** {@link #ifVersion()} for a write that only creates: the key must have no live record. */
    public static final long ABSENT = 0;

    /** The store's database and table, the record's own expiry, no condition. */
    public static final WriteOptions DEFAULT = new WriteOptions(null, null, null, ANY_VERSION);

    /**
     * Validates and copies the components.
     *
     * @param database the database, or null (the default) for the store's
     * @param table the table, or null (the default) for the store's
     * @param ttl how long the record lives from this write, overriding {@link Record#expiry()}; null (the
     *   default) keeps the record's expiry
     * @param ifVersion the condition: {@link #ANY_VERSION} (-1, the default) writes unconditionally,
     *   {@link #ABSENT} (0) writes only when the key has no live record, a positive number writes only when the
     *   key's current version is that number; otherwise the write fails with 409
     */
    public WriteOptions {
        StoreScope.check(database, table);
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        if (ifVersion < ANY_VERSION) {
            throw new IllegalArgumentException("ifVersion must be -1 (any), 0 (absent) or a version: " + ifVersion);
        }
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link WriteOptions}; not thread-safe. */
    public static final class Builder {
        private String database;
        private String table;
        private Duration ttl;
        private long ifVersion = ANY_VERSION;

        private Builder() {
        }

        /**
         * Writes to a database and table.
         *
         * @param databaseName the database, or null for the store's
         * @param tableName the table, or null for the store's
         * @return this builder
         */
        public Builder to(String databaseName, String tableName) {
            this.database = databaseName;
            this.table = tableName;
            return this;
        }

        /**
         * Sets the time to live from this write.
         *
         * @param value a positive duration, or null to keep the record's expiry
         * @return this builder
         */
        public Builder ttl(Duration value) {
            this.ttl = value;
            return this;
        }

        /**
         * Writes only when the key's current version is {@code value}.
         *
         * @param value a version from {@link Record#version()}, or {@link #ABSENT} or {@link #ANY_VERSION}
         * @return this builder
         */
        public Builder ifVersion(long value) {
            this.ifVersion = value;
            return this;
        }

        /**
         * Writes only when the key has no live record.
         *
         * @return this builder
         */
        public Builder ifAbsent() {
            this.ifVersion = ABSENT;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public WriteOptions build() {
            return new WriteOptions(database, table, ttl, ifVersion);
        }
    }
}
