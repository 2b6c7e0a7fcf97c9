package dev.microcdi.cdi;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.Publishers;
import dev.microcdi.api.Settings;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.Reply;
import dev.microcdi.api.client.Request;
import dev.microcdi.api.server.CallContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The proxy behind {@code @Inject @MicroClient("svc") Contract}: each contract method calls its endpoint
 * through the {@link Client}: unary methods with {@code call}/{@code callAsync} (a method returning
 * {@code Reply<T>} asks for the response type {@code Reply<T>}, which keeps the response metadata), streaming
 * ones with {@code stream} (a client stream's single response becomes the method's {@code CompletionStage}).
 * Everything a call needs (endpoint name, types, kind, call options) is worked out once when the proxy is
 * made, so a call does one map lookup and no reflection.
 *
 * <p>A call made while a {@code @MicroService} method serves a call on the same thread carries that call's
 * metadata on (like Go Micro's context metadata) and never outlives its deadline.
 */
final class ClientProxy implements InvocationHandler {

    /** What one contract method calls. */
    private record Call(String endpoint, Type requestType, Type responseType, boolean async, CallKind kind,
            CallOptions options) {
    }

    private final String service;
    private final Class<?> contract;
    private final Map<Method, Call> calls;
    private final Supplier<Client> client;
    private final CurrentCall current;

    private ClientProxy(String service, Class<?> contract, Map<Method, Call> calls, Supplier<Client> client,
            CurrentCall current) {
        this.service = service;
        this.contract = contract;
        this.calls = calls;
        this.client = client;
        this.current = current;
    }

    /**
     * Makes a proxy of a contract interface that calls a service.
     *
     * @param contract the interface, already validated by {@link Contracts#inspect}
     * @param service the service name
     * @param settings the configuration, for per-service timeout and retries
     * @param client where calls go; looked up at each call so that the proxy can exist before the client
     * @param current the call being served, whose metadata and deadline outgoing calls inherit
     */
    static Object create(Class<?> contract, String service, Settings settings, Supplier<Client> client,
            CurrentCall current) {
        Map<Method, EndpointMethod> endpoints = Contracts.inspect(contract, new java.util.ArrayList<>());
        Settings own = ServiceSettings.forService(settings, service);
        Duration timeout = own.duration("micro.client.timeout", null);
        int retries = own.integer("micro.client.retries", -1);
        Map<Method, Call> calls = new HashMap<>();
        for (EndpointMethod e : endpoints.values()) {
            CallOptions options = CallOptions.builder().timeout(timeout).retries(retries).idempotent(e.idempotent())
                    .build();
            Type responseType = e.reply() ? Reply.type(e.responseType()) : e.responseType();
            calls.put(e.method(), new Call(e.endpoint(), e.requestType(), responseType, e.async(), e.kind(),
                    options));
        }
        return Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract},
                new ClientProxy(service, contract, Map.copyOf(calls), client, current));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Call call = calls.get(method);
        if (call != null) {
            return call(call, args[0]);
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "toString" -> "@MicroClient(\"" + service + "\") " + contract.getName();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> throw new IllegalStateException("not an endpoint method: " + method);
        };
    }

    private Object call(Call call, Object body) {
        CallContext serving = current.get();
        Request request;
        CallOptions options = call.options();
        if (serving == null) {
            request = Request.of(service, call.endpoint(), body);
        } else {
            request = new Request(service, call.endpoint(), body, null, serving.metadata());
            options = inheritDeadline(options, serving.remaining());
        }
        Client c = client.get();
        return switch (call.kind()) {
            case UNARY -> call.async() ? c.callAsync(request, call.responseType(), options)
                    : c.call(request, call.responseType(), options);
            case SERVER_STREAM, BIDI_STREAM -> c.stream(request, call.kind(), call.requestType(), call.responseType(),
                    options);
            case CLIENT_STREAM -> Publishers.last(c.stream(request, call.kind(), call.requestType(),
                    call.responseType(), options));
        };
    }

    /** The call's options with a deadline no later than that of the call being served. */
    private static CallOptions inheritDeadline(CallOptions options, Optional<Duration> remaining) {
        if (remaining.isEmpty()) {
            return options;
        }
        Duration left = remaining.get();
        if (left.isNegative() || left.isZero()) {
            left = Duration.ofNanos(1);
        }
        if (options.timeout() != null && options.timeout().compareTo(left) <= 0) {
            return options;
        }
        return options.withTimeout(left);
    }
}
