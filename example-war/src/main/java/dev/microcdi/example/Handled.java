package dev.microcdi.example;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the orders this instance handled, once per order id: a redelivered order (at-least-once streams
 * deliver again after a crash or a refusal) is recognised by its id and not counted twice. Prints
 * {@code handled=<n>} when the application stops. With {@code -Dexample.ids=FILE} each newly handled id is also
 * appended to the file and flushed, so that a run killed with {@code kill -9} can still be checked.
 */
@ApplicationScoped
public class Handled {
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final BufferedWriter ids;

    /** Opens the id file when one is configured. */
    public Handled() {
        String file = System.getProperty("example.ids");
        try {
            ids = file == null ? null : Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /**
     * Records an order.
     *
     * @param order the order
     * @return true when the order was new to this instance, false for a duplicate
     */
    public boolean record(OrderPlaced order) {
        if (!seen.add(order.id())) {
            return false;
        }
        if (ids != null) {
            synchronized (ids) {
                try {
                    ids.write(order.id());
                    ids.newLine();
                    ids.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return true;
    }

    /**
     * How many distinct orders were handled.
     *
     * @return the count
     */
    public int count() {
        return seen.size();
    }

    /** Creates the bean when the application starts, so that {@code handled=0} is printed too. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        count();
    }

    @PreDestroy
    void report() {
        System.out.println("handled=" + seen.size());
        System.out.flush();
        if (ids != null) {
            try {
                ids.close();
            } catch (IOException e) {
                System.err.println("closing the id file failed: " + e);
            }
        }
    }
}
