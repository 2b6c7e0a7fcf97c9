package dev.microcdi.api.store;

/** Checks shared by the option records of this package. */
final class StoreScope {
    private StoreScope() {
    }

    static void check(String database, String table) {
        if (database != null && database.isBlank()) {
            throw new IllegalArgumentException("database is blank; use null for the store's default");
        }
        if (table != null && table.isBlank()) {
            throw new IllegalArgumentException("table is blank; use null for the store's default");
        }
    }

    static void checkPage(int limit, int offset) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }
}
