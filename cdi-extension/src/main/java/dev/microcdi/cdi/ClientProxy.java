package dev.microcdi.cdi;

import dev.microcdi.api.Settings;
import dev.microcdi.api.client.CallOptions;
import dev.microcdi.api.client.Client;
import dev.microcdi.api.client.Request;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The proxy behind {@code @Inject @MicroClient("svc") Contract}: each contract method calls its endpoint
 * through the {@link Client}. Everything a call needs (endpoint name, response type, call options) is worked
 * out once when the proxy is made, so a call does one map lookup and no reflection.
 */
final class ClientProxy implements InvocationHandler {

    /** What one contract method calls. */
    private record Call(String endpoint, Type responseType, boolean async, CallOptions options) {
    }

    private final String service;
    private final Class<?> contract;
    private final Map<Method, Call> calls;
    private final Supplier<Client> client;

    private ClientProxy(String service, Class<?> contract, Map<Method, Call> calls, Supplier<Client> client) {
        this.service = service;
        this.contract = contract;
        this.calls = calls;
        this.client = client;
    }

    /**
     * Makes a proxy of a contract interface that calls a service.
     *
     * @param contract the interface, already validated by {@link Contracts#inspect}
     * @param service the service name
     * @param settings the configuration, for per-service timeout and retries
     * @param client where calls go; looked up at each call so that the proxy can exist before the client
     */
    static Object create(Class<?> contract, String service, Settings settings, Supplier<Client> client) {
        Map<Method, EndpointMethod> endpoints = Contracts.inspect(contract, new java.util.ArrayList<>());
        Settings own = ServiceSettings.forService(settings, service);
        Duration timeout = own.duration("micro.client.timeout", null);
        int retries = own.integer("micro.client.retries", -1);
        Map<Method, Call> calls = new HashMap<>();
        for (EndpointMethod e : endpoints.values()) {
            CallOptions options = CallOptions.builder().timeout(timeout).retries(retries).idempotent(e.idempotent())
                    .build();
            calls.put(e.method(), new Call(e.endpoint(), e.responseType(), e.async(), options));
        }
        return Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] {contract},
                new ClientProxy(service, contract, Map.copyOf(calls), client));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Call call = calls.get(method);
        if (call != null) {
            Request request = Request.of(service, call.endpoint(), args[0]);
            Client c = client.get();
            return call.async() ? c.callAsync(request, call.responseType(), call.options())
                    : c.call(request, call.responseType(), call.options());
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
}
