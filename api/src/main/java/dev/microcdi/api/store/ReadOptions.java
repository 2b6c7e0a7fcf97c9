package dev.microcdi.api.store;

/**
 * Options of {@link Store#read(String, ReadOptions)}, Go Micro's {@code ReadFrom}, {@code ReadPrefix},
 * {@code ReadSuffix}, {@code ReadLimit} and {@code ReadOffset}.
 *
 * @param database the database, or null (the default) for the store's ({@code micro.store.database})
 * @param table the table, or null (the default) for the store's ({@code micro.store.table})
 * @param prefix whether the key is a prefix: every record whose key starts with it is read
 * @param suffix whether the key is a suffix: every record whose key ends with it is read (with {@code prefix},
 *               the key must be both)
 * @param limit the most records to return, 0 (the default) for no limit
 * @param offset how many matching records to skip, in key order; default 0
 */
public record ReadOptions(String database, String table, boolean prefix, boolean suffix, int limit, int offset) {

    /** The store's database and table, the key read exactly. */
    public static final ReadOptions DEFAULT = new ReadOptions(null, null, false, false, 0, 0);

    /**
     * Validates and copies the components.
     *
     * @param database the database, or null (the default) for the store's ({@code micro.store.database})
     * @param table the table, or null (the default) for the store's ({@code micro.store.table})
     * @param prefix whether the key is a prefix: every record whose key starts with it is read
     * @param suffix whether the key is a suffix: every record whose key ends with it is read (with
     *   {@code prefix}, the key must be both)
     * @param limit the most records to return, 0 (the default) for no limit
     * @param offset how many matching records to skip, in key order; default 0
     */
    public ReadOptions {
        StoreScope.check(database, table);
        StoreScope.checkPage(limit, offset);
    }

    /**
     * Whether the key names one record rather than a range.
     *
     * @return true when neither {@code prefix} nor {@code suffix} is set
     */
    public boolean exact() {
        return !prefix && !suffix;
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ReadOptions}; not thread-safe. */
    public static final class Builder {
        private String database;
        private String table;
        private boolean prefix;
        private boolean suffix;
        private int limit;
        private int offset;

        private Builder() {
        }

        /**
         * Reads from a database and table.
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
         * Treats the key as a prefix.
         *
         * @return this builder
         */
        public Builder prefix() {
            this.prefix = true;
            return this;
        }

        /**
         * Treats the key as a suffix.
         *
         * @return this builder
         */
        public Builder suffix() {
            this.suffix = true;
            return this;
        }

        /**
         * Sets the most records to return.
         *
         * @param value 0 for no limit, or more
         * @return this builder
         */
        public Builder limit(int value) {
            this.limit = value;
            return this;
        }

        /**
         * Sets how many matching records to skip.
         *
         * @param value 0 or more
         * @return this builder
         */
        public Builder offset(int value) {
            this.offset = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public ReadOptions build() {
            return new ReadOptions(database, table, prefix, suffix, limit, offset);
        }
    }
}
