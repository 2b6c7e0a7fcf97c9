package dev.microcdi.cdi;

import dev.microcdi.api.CallKind;
import dev.microcdi.api.Idempotent;
import dev.microcdi.api.client.Reply;
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
import java.util.concurrent.Flow;

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
        return a.kind() == CallKind.UNARY && b.kind() == CallKind.UNARY && a.async() != b.async()
                && a.requestType().equals(b.requestType())
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
        if (java.util.stream.Stream.class.isAssignableFrom(raw)) {
            problems.add(where + ": java.util.stream.Stream is not a streaming type; return a Flow.Publisher");
            return null;
        }
        Type response = m.getGenericReturnType();
        boolean async = false;
        boolean streamsResponses = false;
        if (raw == Flow.Publisher.class || CompletionStage.class.isAssignableFrom(raw)) {
            response = typeArgument(response);
            if (response == null) {
                problems.add(where + ": a " + raw.getSimpleName() + " return type needs a concrete type argument");
                return null;
            }
            async = raw != Flow.Publisher.class;
            streamsResponses = !async;
            if (async && Flow.Publisher.class.isAssignableFrom(TypeShapes.rawClass(response))) {
                problems.add(where + ": return Flow.Publisher<R> for a response stream, not a CompletionStage of it");
                return null;
            }
        } else if (Flow.Publisher.class.isAssignableFrom(raw)) {
            problems.add(where + ": a response stream is declared as Flow.Publisher<R>, not " + raw.getSimpleName());
            return null;
        }
        boolean reply = Reply.class == TypeShapes.rawClass(response);
        if (reply) {
            if (streamsResponses) {
                problems.add(where + ": a response stream carries its metadata in ResponseMetadata; Reply<R> is"
                        + " for unary answers");
                return null;
            }
            response = typeArgument(response);
            if (response == null) {
                problems.add(where + ": a Reply return type needs a concrete type argument");
                return null;
            }
        }
        Type request = m.getGenericParameterTypes()[0];
        Class<?> rawRequest = m.getParameterTypes()[0];
        boolean streamsRequests = rawRequest == Flow.Publisher.class;
        if (streamsRequests) {
            request = typeArgument(request);
            if (request == null) {
                problems.add(where + ": a Flow.Publisher parameter needs a concrete type argument");
                return null;
            }
            if (!async && !streamsResponses) {
                problems.add(where + ": a request stream is answered with CompletionStage<R> (one response) or "
                        + "Flow.Publisher<R> (a response stream), not with a blocking return type");
                return null;
            }
            if (reply) {
                problems.add(where + ": a client stream carries its response metadata in ResponseMetadata;"
                        + " Reply<R> is for unary answers");
                return null;
            }
        } else if (Flow.Publisher.class.isAssignableFrom(rawRequest)
                || CompletionStage.class.isAssignableFrom(rawRequest)) {
            problems.add(where + ": a request stream is declared as Flow.Publisher<Q>, not "
                    + rawRequest.getSimpleName());
            return null;
        }
        if (!isConcrete(request) || !isConcrete(response)) {
            problems.add(where + ": request and response types must be concrete, not type variables or wildcards");
            return null;
        }
        CallKind kind = streamsRequests ? (streamsResponses ? CallKind.BIDI_STREAM : CallKind.CLIENT_STREAM)
                : (streamsResponses ? CallKind.SERVER_STREAM : CallKind.UNARY);
        boolean idempotent = m.isAnnotationPresent(Idempotent.class) || contract.isAnnotationPresent(Idempotent.class);
        return new EndpointMethod(endpointName(contract, m), m, request, response, async, idempotent, kind, reply);
    }

    /** The concrete type argument of a one-parameter generic type, or null. */
    private static Type typeArgument(Type type) {
        if (type instanceof ParameterizedType p && isConcrete(p.getActualTypeArguments()[0])) {
            return p.getActualTypeArguments()[0];
        }
        return null;
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
