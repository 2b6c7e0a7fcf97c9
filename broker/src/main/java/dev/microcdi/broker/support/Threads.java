package dev.microcdi.broker.support;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names the daemon threads of brokers and streams. */
public final class Threads {
    private Threads() {
    }

    /**
     * A factory of daemon threads named {@code <prefix>-<n>}.
     *
     * @param prefix the name prefix
     * @return the factory
     */
    public static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
