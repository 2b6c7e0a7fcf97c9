package dev.microcdi.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.MicroException;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterceptedClientTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);
    private final Network network = new Network();

    @AfterEach
    void stop() {
        network.thread.interrupt();
    }

    /** A call the fake client has sent: answered by the network thread, on the call's executor when it has one. */
    private record Sent(String body, Executor executor, CompletableFuture<Object> answer, Thread caller) {
        void answer(Object value) {
            // as a network is slower than the caller: the answer comes once the calling thread is parked
            while (caller.getState() != Thread.State.WAITING && caller.getState() != Thread.State.TIMED_WAITING
                    && caller.isAlive()) {
                Thread.onSpinWait();
            }
            if (executor == null) {
                answer.complete(value);
                return;
            }
            try {
                executor.execute(() -> answer.complete(value));
            } catch (RejectedExecutionException e) {
                // as a client does: a task its caller's executor refuses runs on the client's own threads
                answer.complete(value);
            }
        }
    }

    /** Answers calls on its own thread, as an event loop does, once {@code batch} of them are in flight. */
    private static final class Network implements Client {
        final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
        volatile int batch = 1;
        final Thread thread = new Thread(this::answer, "network");

        Network() {
            thread.setDaemon(true);
            thread.start();
        }

        private void answer() {
            try {
                while (true) {
                    List<Sent> calls = new ArrayList<>();
                    while (calls.size() < batch) {
                        calls.add(sent.take());
                    }
                    for (Sent s : calls) {
                        s.answer("re:" + s.body());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> CompletionStage<T> callAsync(Request request, Type responseType, CallOptions options) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            sent.add(new Sent((String) request.body(), options.executor(), answer, Thread.currentThread()));
            return (CompletionStage<T>) answer;
        }

        @Override
        public <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
                CallOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }

    private static Request request(String body) {
        return Request.of("svc", "Svc.Call", body);
    }

    @Test
    void aBlockingCallRunsTheInterceptorsContinuationsOnTheWaitingThread() {
        AtomicReference<Thread> caller = new AtomicReference<>();
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        ClientInterceptor recording = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                return next.<T>call(request, responseType, options)
                        .whenComplete((v, t) -> ranOn.add(Thread.currentThread()));
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(recording));

        String answer = assertTimeoutPreemptively(LIMIT, () -> {
            caller.set(Thread.currentThread());
            return client.call(request("a"), String.class, CallOptions.DEFAULT);
        });

        assertThat(answer).isEqualTo("re:a");
        assertThat(ranOn).containsExactly(caller.get());
    }

    @Test
    void anInterceptorThatHedgesKeepsItsAttemptsInFlightTogetherInABlockingCall() {
        // the network answers only once two calls are in flight: attempts made one after the other never end
        network.batch = 2;
        ClientInterceptor hedging = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                CompletionStage<T> first = next.call(request, responseType, options);
                CompletionStage<T> second = next.call(request, responseType, options);
                return first.applyToEither(second, v -> v);
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(hedging));

        String answer = assertTimeoutPreemptively(LIMIT, () -> client.call(request("h"), String.class,
                CallOptions.DEFAULT));

        assertThat(answer).isEqualTo("re:h");
    }

    @Test
    void anInterceptorThatAnswersFromAnotherThreadWakesTheWaitingCaller() {
        ClientInterceptor answering = new ClientInterceptor() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                return (CompletionStage<T>) CompletableFuture.supplyAsync(() -> "cached",
                        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(answering));

        String answer = assertTimeoutPreemptively(LIMIT, () -> client.call(request("c"), String.class,
                CallOptions.DEFAULT));

        assertThat(answer).isEqualTo("cached");
        assertThat(network.sent).isEmpty();
    }

    @Test
    void anInterceptorThatBlocksOnTheCallsStageGetsItCompletedElsewhere() {
        ClientInterceptor joining = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                T value = next.<T>call(request, responseType, options).toCompletableFuture().join();
                return CompletableFuture.completedFuture(value);
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(joining));

        String answer = assertTimeoutPreemptively(LIMIT, () -> client.call(request("j"), String.class,
                CallOptions.DEFAULT));

        assertThat(answer).isEqualTo("re:j");
    }

    @Test
    void anInterceptorThatThrowsEndsTheBlockingCallAndTheAttemptItStartedStillEnds() throws Exception {
        IllegalStateException broken = new IllegalStateException("broken interceptor");
        AtomicReference<CompletionStage<?>> started = new AtomicReference<>();
        ClientInterceptor throwing = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                started.set(next.call(request, responseType, options));
                throw broken;
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(throwing));

        assertThatThrownBy(() -> client.call(request("t"), String.class, CallOptions.DEFAULT)).isSameAs(broken);
        assertThat(started.get().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("re:t");
    }

    @Test
    void anInterruptedBlockingCallEndsWith408KeepsTheFlagAndCancelsTheCall() throws Exception {
        network.batch = 2;
        AtomicReference<CompletionStage<?>> started = new AtomicReference<>();
        ClientInterceptor passing = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                CompletionStage<T> stage = next.call(request, responseType, options);
                started.set(stage);
                return stage;
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(passing));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                outcome.set(client.call(request("never answered"), String.class, CallOptions.DEFAULT));
            } catch (MicroException e) {
                outcome.set(Thread.currentThread().isInterrupted() ? e : "flag lost");
            }
        });
        caller.start();
        assertTimeoutPreemptively(LIMIT, () -> {
            while (started.get() == null || caller.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
        });

        caller.interrupt();
        caller.join(LIMIT.toMillis());

        assertThat(outcome.get()).isInstanceOfSatisfying(MicroException.class,
                e -> assertThat(e.code()).isEqualTo(MicroException.TIMEOUT));
        assertThat(started.get().toCompletableFuture().isCancelled()).isTrue();
    }

    @Test
    void aCallWhoseStageIsCancelledEndsWith499() {
        ClientInterceptor cancelling = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                CompletableFuture<T> stage = new CompletableFuture<>();
                stage.cancel(false);
                return stage;
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(cancelling));

        assertThatThrownBy(() -> client.call(request("x"), String.class, CallOptions.DEFAULT))
                .isInstanceOfSatisfying(MicroException.class,
                        e -> assertThat(e.code()).isEqualTo(MicroException.CANCELLED));
    }

    @Test
    void aBlockingCallWithItsOwnExecutorKeepsItAndAFailureReachesTheCallerAsItsMicroException() {
        List<Executor> seen = new CopyOnWriteArrayList<>();
        MicroException refused = MicroException.of("test", 429, "refused by the interceptor");
        ClientInterceptor failing = new ClientInterceptor() {
            @Override
            public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options,
                    UnaryInvoker next) {
                seen.add(options.executor());
                return CompletableFuture.failedFuture(refused);
            }
        };
        Client client = ClientInterceptor.wrap(network, List.of(failing));
        Executor own = Runnable::run;

        assertThatThrownBy(() -> client.call(request("f"), String.class, CallOptions.builder().executor(own).build()))
                .isSameAs(refused);
        assertThatThrownBy(() -> client.call(request("f"), String.class, CallOptions.DEFAULT)).isSameAs(refused);
        assertThat(seen.get(0)).isSameAs(own);
        assertThat(seen.get(1)).isInstanceOf(CallerRunsExecutor.class);
    }
}
