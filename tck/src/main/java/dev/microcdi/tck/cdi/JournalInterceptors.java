package dev.microcdi.tck.cdi;

import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.ClientInterceptor;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.server.CallContext;
import dev.microcdi.api.server.Handler;
import dev.microcdi.api.server.ServerInterceptor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Client and server interceptor beans that journal the calls they see. */
public final class JournalInterceptors {
    private JournalInterceptors() {
    }

    /** A server interceptor that journals {@code <name>:<endpoint>}. */
    public abstract static class Recording implements ServerInterceptor {
        @Inject
        Journal journal;

        /**
         * The name journalled.
         *
         * @return the name
         */
        protected abstract String name();

        @Override
        public CompletionStage<?> intercept(Object request, CallContext context, Handler next) throws Exception {
            journal.add(name() + ":" + context.endpoint());
            return next.handle(request, context);
        }
    }

    /** The outer server interceptor. */
    @ApplicationScoped
    @Priority(10)
    public static class Outer extends Recording {
        @Override
        protected String name() {
            return "server-outer";
        }
    }

    /** The inner server interceptor. */
    @ApplicationScoped
    @Priority(20)
    public static class Inner extends Recording {
        @Override
        protected String name() {
            return "server-inner";
        }
    }

    /** A client interceptor that adds metadata to unary calls. */
    @ApplicationScoped
    @Priority(5)
    public static class Tagging implements ClientInterceptor {
        @Inject
        Journal journal;

        @Override
        public <T> CompletionStage<T> call(Request request, Type responseType, CallOptions options, UnaryInvoker next) {
            journal.add("client:" + request.endpoint());
            Map<String, String> metadata = new HashMap<>(request.metadata());
            metadata.putIfAbsent("x-tag", "from-" + request.endpoint());
            return next.call(new Request(request.service(), request.endpoint(), request.body(), request.contentType(),
                    metadata), responseType, options);
        }
    }
}
