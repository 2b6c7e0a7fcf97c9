package dev.microcdi.cdi;

import dev.microcdi.api.Idempotent;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Maps contract interfaces to endpoints following Go Micro's naming, and explains what makes a contract
 * unusable. Stateless.
 */
final class Contracts {
    private static final String ASYNC_SUFFIX = "Async";

    private Contracts() {
    }

    /**
     * The contract interfaces a service bean implements: every interface of the class and its superclasses
     * that does not belong to the platform.
     */
    static List<Class<?>> contractsOf(Class<?> beanClass) {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (!isPlatform(i)) {
                    found.add(i);
                }
            }
        }
        return List.copyOf(found);
    }

    private static boolean isPlatform(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jakarta.")
                || name.startsWith("org.jboss.weld.") || name.startsWith("org.apache.webbeans.");
    }

    /** The endpoint name of a contract method: {@code Greeter.Hello} for {@code Greeter.hello(...)}. */
    static String endpointName(Class<?> contract, Method method) {
        String name = method.getName();
        if (name.endsWith(ASYNC_SUFFIX) && name.length() > ASYNC_SUFFIX.length()
                && CompletionStage.class.isAssignableFrom(method.getReturnType())) {
            name = name.substring(0, name.length() - ASYNC_SUFFIX.length());
        }
        return contract.getSimpleName() + "." + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /**
     * Inspects a contract interface.
     *
     * @param contract the interface
     * @param problems receives one sentence per problem found
     * @return the endpoint methods, keyed by method, in declaration order of the interface
     */
    static Map<Method, EndpointMethod> inspect(Class<?> contract, List<String> problems) {
        Map<Method, EndpointMethod> endpoints = new LinkedHashMap<>();
        if (!contract.isInterface()) {
            problems.add(contract.getName() + " is not an interface");
            return endpoints;
        }
        Map<String, EndpointMethod> byName = new LinkedHashMap<>();
        for (Method m : contract.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
                continue;
            }
            EndpointMethod e = endpointMethod(contract, m, problems);
            if (e == null) {
                continue;
            }
            EndpointMethod other = byName.get(e.endpoint());
            if (other != null && !sameEndpoint(other, e)) {
                problems.add(String.format("%s: methods %s and %s both map to endpoint %s with different types",
                        contract.getName(), other.method().getName(), m.getName(), e.endpoint()));
                continue;
            }
            byName.putIfAbsent(e.endpoint(), e);
            endpoints.put(m, e);
        }
        if (endpoints.isEmpty() && problems.isEmpty()) {
            problems.add(contract.getName() + " declares no endpoint method");
        }
        return endpoints;
    }

    /**
     * The method that serves each endpoint on the server: the synchronous form when a contract has both
     * {@code hello} and {@code helloAsync}, otherwise the only one.
     */
    static List<EndpointMethod> serverEndpoints(Map<Method, EndpointMethod> endpoints) {
        Map<String, EndpointMethod> byName = new LinkedHashMap<>();
        for (EndpointMethod e : endpoints.values()) {
            EndpointMethod other = byName.get(e.endpoint());
            if (other == null || (other.async() && !e.async())) {
                byName.put(e.endpoint(), e);
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static boolean sameEndpoint(EndpointMethod a, EndpointMethod b) {
        return a.async() != b.async() && a.requestType().equals(b.requestType())
                && a.responseType().equals(b.responseType());
    }

    private static EndpointMethod endpointMethod(Class<?> contract, Method m, List<String> problems) {
        String where = contract.getName() + "." + m.getName();
        if (m.getParameterCount() != 1) {
            problems.add(where + ": an endpoint method takes exactly one parameter, the request; it has "
                    + m.getParameterCount());
            return null;
        }
        Class<?> raw = m.getReturnType();
        if (raw == void.class || raw == Void.class) {
            problems.add(where + ": an endpoint method returns its response; void is not allowed");
            return null;
        }
        if (java.util.concurrent.Flow.Publisher.class.isAssignableFrom(raw)
                || java.util.stream.Stream.class.isAssignableFrom(raw)) {
            problems.add(where + ": streaming endpoints are not supported by this version; "
                    + "return the response or a CompletionStage of it");
            return null;
        }
        Type response = m.getGenericReturnType();
        boolean async = false;
        if (CompletionStage.class.isAssignableFrom(raw)) {
            if (!(response instanceof ParameterizedType p) || !isConcrete(p.getActualTypeArguments()[0])) {
                problems.add(where + ": a CompletionStage return type needs a concrete type argument");
                return null;
            }
            response = p.getActualTypeArguments()[0];
            async = true;
        }
        Type request = m.getGenericParameterTypes()[0];
        if (!isConcrete(request) || !isConcrete(response)) {
            problems.add(where + ": request and response types must be concrete, not type variables or wildcards");
            return null;
        }
        boolean idempotent = m.isAnnotationPresent(Idempotent.class) || contract.isAnnotationPresent(Idempotent.class);
        return new EndpointMethod(endpointName(contract, m), m, request, response, async, idempotent);
    }

    private static boolean isConcrete(Type type) {
        if (type instanceof Class<?>) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            for (Type a : p.getActualTypeArguments()) {
                if (!isConcrete(a)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
