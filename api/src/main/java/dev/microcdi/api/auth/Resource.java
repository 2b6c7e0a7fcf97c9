package dev.microcdi.api.auth;

import java.util.Objects;

/**
 * Something access is checked for, Go Micro's {@code auth.Resource}. In a {@link Rule}, each component may be
 * {@value #ANY} to match every value; a rule's endpoint may also end in {@code /*} to match a path and every
 * path below it (e.g. {@code /orders/*} matches {@code /orders} and {@code /orders/42}), as in Go Micro.
 *
 * @param name the resource's name, e.g. the service name {@code greeter}; never null
 * @param type the kind of resource; {@value #SERVICE} for a service endpoint, as Go Micro's auth wrapper
 *             uses; never null
 * @param endpoint the endpoint, e.g. {@code Greeter.Hello} or an HTTP path {@code /orders/42}; never null
 */
public record Resource(String name, String type, String endpoint) {

    /** The wildcard that matches every name, type or endpoint in a rule. */
    public static final String ANY = "*";

    /** The type of a service endpoint. */
    public static final String SERVICE = "service";

    /**
     * Validates and copies the components.
     *
     * @param name the resource's name, e.g. the service name {@code greeter}; never null
     * @param type the kind of resource; {@value #SERVICE} for a service endpoint, as Go Micro's auth wrapper
     *   uses; never null
     * @param endpoint the endpoint, e.g. {@code Greeter.Hello} or an HTTP path {@code /orders/42}; never null
     */
    public Resource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * An endpoint of a service.
     *
     * @param service the service name
     * @param endpoint the endpoint, {@code Interface.Method}
     * @return the resource, of type {@value #SERVICE}
     */
    public static Resource service(String service, String endpoint) {
        return new Resource(service, SERVICE, endpoint);
    }
}
