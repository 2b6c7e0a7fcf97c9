package dev.microcdi.api.client;

import dev.microcdi.api.CallKind;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;

/** A {@link Client} whose calls pass through a chain of {@link ClientInterceptor}s, first of the list first. */
final class InterceptedClient implements Client {
    private final Client client;
    private final List<ClientInterceptor> interceptors;

    InterceptedClient(Client client, List<ClientInterceptor> interceptors) {
        this.client = client;
        this.interceptors = interceptors;
    }

    @Override
    public <T> CompletionStage<T> callAsync(Request request, Type responseType, CallOptions options) {
        return new Unary(0).call(request, responseType, options);
    }

    /**
     * Calls through the chain and waits, running the call's continuations on the waiting thread as the client
     * does for a blocking call without interceptors, unless the options name another executor already (a
     * {@link CallerRunsExecutor} there belongs to a call this thread makes already and is replaced). Interceptors
     * still see an asynchronous call: one that makes several attempts at once (hedging) keeps them in flight
     * together, and one that blocks on a stage of the call gets it completed on the client's threads. An interrupt
     * cancels the chain's stage and ends the call with 408, as {@link Client#call} does.
     */
    @Override
    public <T> T call(Request request, Type responseType, CallOptions options) {
        Executor chosen = options.executor();
        if (chosen != null && !(chosen instanceof CallerRunsExecutor)) {
            return Stages.await(callAsync(request, responseType, options));
        }
        CallerRunsExecutor executor = new CallerRunsExecutor();
        CompletionStage<T> stage = new Unary(0).call(request, responseType, options.withExecutor(executor));
        // interrupted, it returns with the flag set, and the wait below gives the call up
        executor.runUntil(stage);
        return Stages.await(stage);
    }

    @Override
    public <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
            CallOptions options) {
        return new Streaming(0).stream(request, kind, requestType, responseType, options);
    }

    @Override
    public void close() {
        client.close();
    }

    private final class Unary implements ClientInterceptor.UnaryInvoker {
        private final int index;

        Unary(int index) {
            this.index = index;
        }

        @Override
        public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options) {
            if (index == interceptors.size()) {
                return client.callAsync(request, responseType, options);
            }
            return interceptors.get(index).call(request, responseType, options, new Unary(index + 1));
        }
    }

    private final class Streaming implements ClientInterceptor.StreamInvoker {
        private final int index;

        Streaming(int index) {
            this.index = index;
        }

        @Override
        public <T> Flow.Publisher<T> stream(Request request, CallKind kind, Type requestType, Type responseType,
                CallOptions options) {
            if (index == interceptors.size()) {
                return client.stream(request, kind, requestType, responseType, options);
            }
            return interceptors.get(index).stream(request, kind, requestType, responseType, options,
                    new Streaming(index + 1));
        }
    }
}
