package dev.microcdi.api.store;

/**
 * Options of {@link Store#delete(String, DeleteOptions)}, Go Micro's {@code DeleteFrom}, plus a
 * compare-and-delete condition so that a lock holder removes only its own lock.
 *
 * @param database the database, or null (the default) for the store's
 * @param table the table, or null (the default) for the store's
 * @param ifVersion {@link WriteOptions#ANY_VERSION} (-1, the default) deletes unconditionally; a positive
 *                  number deletes only when the key's current version is that number, and fails with 409
 *                  otherwise (also when the key has no live record)
 */
public record DeleteOptions(String database, String table, long ifVersion) {

    /** The store's database and table, no condition. */
    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, WriteOptions.ANY_VERSION);

    /**
     * Validates and copies the components.
     *
     * @param database the database, or null (the default) for the store's
     * @param table the table, or null (the default) for the store's
     * @param ifVersion {@link WriteOptions#ANY_VERSION} (-1, the default) deletes unconditionally; a positive
     *   number deletes only when the key's current version is that number, and fails with 409 otherwise (also
     *   when the key has no live record)
     */
    public DeleteOptions {
        StoreScope.check(database, table);
        if (ifVersion != WriteOptions.ANY_VERSION && ifVersion < 1) {
            throw new IllegalArgumentException("ifVersion must be -1 (any) or a version: " + ifVersion);
        }
    }

    /**
     * Deletes only a given version of the key.
     *
     * @param version the version from {@link Record#version()}
     * @return the options, in the store's database and table
     */
    public static DeleteOptions ifVersion(long version) {
        return new DeleteOptions(null, null, version);
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link DeleteOptions}; not thread-safe. */
    public static final class Builder {
        private String database;
        private String table;
        private long ifVersion = WriteOptions.ANY_VERSION;

        private Builder() {
        }

        /**
         * Deletes from a database and table.
         *
         * @param databaseName the database, or null for the store's
         * @param tableName the table, or null for the store's
         * @return this builder
         */
        public Builder from(String databaseName, String tableName) {
            this.database = databaseName;
            this.table = tableName;
            return this;
        }

        /**
         * Deletes only when the key's current version is {@code value}.
         *
         * @param value a version, or {@link WriteOptions#ANY_VERSION}
         * @return this builder
         */
        public Builder ifVersion(long value) {
            this.ifVersion = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public DeleteOptions build() {
            return new DeleteOptions(database, table, ifVersion);
        }
    }
}
