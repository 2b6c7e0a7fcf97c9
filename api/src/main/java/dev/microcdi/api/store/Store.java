package dev.microcdi.api.store;

import java.util.List;

/**
 * A key-value store, Go Micro's {@code Store} with its five methods, plus a version on every record for
 * compare-and-set. Keys live in a database and table; options that name none use the store's defaults
 * ({@code micro.store.database} and {@code micro.store.table}, both {@code micro} as in Go Micro). Keys are
 * ordered by their UTF-16 code units ({@link String#compareTo}); {@code limit} and {@code offset} page in that
 * order.
 *
 * <p>Expired records are never returned, even when the store has not yet removed them. Calls block until the
 * backend answers. Implementations are thread-safe.
 *
 * <p>Errors are {@link dev.microcdi.api.MicroException}s: 404 when {@link #read} of one exact key finds no
 * live record (Go Micro's {@code ErrNotFound}); 409 when a version condition fails; 400 for an empty key or a
 * database or table name the backend cannot carry (portable names use letters, digits and {@code _}); 413 for
 * a value over the store's limit; 503 when the backend is unreachable or the store is closed.
 *
 * <p>Providers: {@code memory} (the default), {@code file} (one file per table under a directory) and
 * {@code postgres} (PostgreSQL or CockroachDB).
 */
public interface Store extends AutoCloseable {

    /**
     * Reads the record of a key, or the records of a key range.
     *
     * @param key the key, or the prefix or suffix when the options say so
     * @param options the database, table, range and page
     * @return for an exact key its one record; for a prefix or suffix the matching records in key order,
     *         empty when none matches
     * @throws dev.microcdi.api.MicroException 404 when an exact key has no live record
     */
    List<Record> read(String key, ReadOptions options);

    /**
     * Writes a record, replacing the key's value, metadata and expiry.
     *
     * @param record the record; its version is ignored
     * @param options the database, table, time to live and version condition
     * @return the version the store gave this write, greater than every earlier version of the key
     * @throws dev.microcdi.api.MicroException 409 when the version condition fails
     */
    long write(Record record, WriteOptions options);

    /**
     * Deletes the record of a key. Deleting a key that has no record does nothing unless a version is required.
     *
     * @param key the exact key
     * @param options the database, table and version condition
     * @throws dev.microcdi.api.MicroException 409 when the version condition fails
     */
    void delete(String key, DeleteOptions options);

    /**
     * The keys of live records.
     *
     * @param options the database, table, filters and page
     * @return the matching keys in key order
     */
    List<String> list(ListOptions options);

    /** Releases the store's resources; later calls fail with 503. Idempotent. */
    @Override
    void close();
}
