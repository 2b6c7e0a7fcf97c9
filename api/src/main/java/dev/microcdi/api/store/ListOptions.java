package dev.microcdi.api.store;

/**
 * Options of {@link Store#list(ListOptions)}, Go Micro's {@code ListFrom}, {@code ListPrefix},
 * {@code ListSuffix}, {@code ListLimit} and {@code ListOffset}.
 *
 * @param database the database, or null (the default) for the store's
 * @param table the table, or null (the default) for the store's
 * @param prefix only keys starting with it; empty (the default) for every key. Null becomes empty.
 * @param suffix only keys ending with it; empty (the default) for every key. Null becomes empty.
 * @param limit the most keys to return, 0 (the default) for no limit
 * @param offset how many matching keys to skip, in key order; default 0
 */
public record ListOptions(String database, String table, String prefix, String suffix, int limit, int offset) {

    /** Every key of the store's database and table. */
    public static final ListOptions DEFAULT = new ListOptions(null, null, "", "", 0, 0);

    /**
     * Validates and copies the components.
     *
     * @param database the database, or null (the default) for the store's
     * @param table the table, or null (the default) for the store's
     * @param prefix only keys starting with it; empty (the default) for every key. Null becomes empty.
     * @param suffix only keys ending with it; empty (the default) for every key. Null becomes empty.
     * @param limit the most keys to return, 0 (the default) for no limit
     * @param offset how many matching keys to skip, in key order; default 0
     */
    public ListOptions {
        StoreScope.check(database, table);
        prefix = prefix == null ? "" : prefix;
        suffix = suffix == null ? "" : suffix;
        StoreScope.checkPage(limit, offset);
    }

    /**
     * Whether a key passes the prefix and suffix filters.
     *
     * @param key the key
     * @return true when it starts with {@link #prefix()} and ends with {@link #suffix()}
     */
    public boolean matches(String key) {
        return key.startsWith(prefix) && key.endsWith(suffix);
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ListOptions}; not thread-safe. */
    public static final class Builder {
        private String database;
        private String table;
        private String prefix = "";
        private String suffix = "";
        private int limit;
        private int offset;

        private Builder() {
        }

        /**
         * Lists a database and table.
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
         * Keeps only keys starting with a prefix.
         *
         * @param value the prefix
         * @return this builder
         */
        public Builder prefix(String value) {
            this.prefix = value;
            return this;
        }

        /**
         * Keeps only keys ending with a suffix.
         *
         * @param value the suffix
         * @return this builder
         */
        public Builder suffix(String value) {
            this.suffix = value;
            return this;
        }

        /**
         * Sets the most keys to return.
         *
         * @param value 0 for no limit, or more
         * @return this builder
         */
        public Builder limit(int value) {
            this.limit = value;
            return this;
        }

        /**
         * Sets how many matching keys to skip.
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
        public ListOptions build() {
            return new ListOptions(database, table, prefix, suffix, limit, offset);
        }
    }
}
