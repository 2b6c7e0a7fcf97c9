package dev.microcdi.tck.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The server calls a service method that returns a {@code CompletionStage}, or one marked {@code @NonBlocking},
 * on the connection's event loop, and every other one, or one marked {@code @Blocking}, on a worker (with the
 * default {@code micro.server.handler-threads=auto}).
 */
@ExtendWith(ArquillianExtension.class)
public class HandlerThreadsTest {
    private static final String EVENT_LOOP = "micro-server-io";
    private static final String WORKER = "micro-server-worker-";

    /**
     * The archive under test.
     *
     * @return the archive
     */
    @Deployment
    public static JavaArchive deployment() {
        return Deployments.archive("handler-threads", Threads.class, ThreadsService.class, ThreadsCaller.class);
    }

    @Inject
    ThreadsCaller caller;

    @Test
    void aMethodReturningAStageRunsOnTheEventLoop() throws Exception {
        assertThat(caller.threads().stage("x").toCompletableFuture().get(10, TimeUnit.SECONDS))
                .startsWith(EVENT_LOOP);
    }

    @Test
    void aMethodReturningAStageMarkedBlockingRunsOnAWorker() throws Exception {
        assertThat(caller.threads().markedStage("x").toCompletableFuture().get(10, TimeUnit.SECONDS))
                .startsWith(WORKER);
    }

    @Test
    void aSynchronousMethodRunsOnAWorker() {
        assertThat(caller.threads().plain("x")).startsWith(WORKER);
    }

    @Test
    void aSynchronousMethodMarkedNonBlockingInTheContractRunsOnTheEventLoop() {
        assertThat(caller.threads().computed("x")).startsWith(EVENT_LOOP);
    }
}
