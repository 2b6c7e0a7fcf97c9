package dev.microcdi.cdi.se;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an application in a CDI SE container until the process is told to stop, as Go Micro's
 * {@code service.Run()} does: boot the container (which starts the server and registers the services),
 * block, and on SIGTERM or SIGINT close the container, which deregisters, drains calls in flight and closes.
 *
 * <p>Use it as the main class ({@code java -cp ... dev.microcdi.cdi.se.MicroMain}) or call {@link #run()}
 * from your own main. Works with any CDI SE implementation found through {@link SeContainerInitializer}.
 */
public final class MicroMain {
    private MicroMain() {
    }

    /**
     * Boots the container and blocks until the JVM shuts down.
     *
     * @param args ignored
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        run();
    }

    /**
     * Boots the container and blocks until the JVM shuts down; the container is closed by a shutdown hook.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static void run() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        SeContainer container = start(stopped);
        try {
            stopped.await();
        } finally {
            if (container.isRunning()) {
                container.close();
            }
        }
    }

    /**
     * Boots the container and installs a shutdown hook that closes it and then counts {@code stopped} down.
     *
     * @param stopped counted down once the container is closed
     * @return the running container
     */
    public static SeContainer start(CountDownLatch stopped) {
        return start(stopped, SeContainerInitializer.newInstance());
    }

    /**
     * Boots a configured container and installs a shutdown hook that closes it and then counts
     * {@code stopped} down.
     *
     * @param stopped counted down once the container is closed
     * @param initializer the container to boot, e.g. with discovery disabled and explicit bean classes
     * @return the running container
     */
    public static SeContainer start(CountDownLatch stopped, SeContainerInitializer initializer) {
        SeContainer container = initializer.initialize();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (container.isRunning()) {
                    container.close();
                }
            } finally {
                stopped.countDown();
            }
        }, "micro-shutdown"));
        return container;
    }
}
