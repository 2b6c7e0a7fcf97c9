package dev.microcdi.registry.mdns;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.microcdi.api.registry.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * The JSON inside a node's TXT record. The first four fields are Go Micro's {@code mdnsTxt} with its Go field
 * names; {@code Address} and {@code ServiceMetadata} are micro-cdi additions that Go ignores, so that a Java
 * node's exact address and service metadata survive (a Go node's address comes from its SRV and A records).
 *
 * @param metadata the node metadata
 * @param service the service name
 * @param version the service version
 * @param endpoints the endpoints
 * @param address the node address as registered, or null
 * @param serviceMetadata the service metadata, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TxtPayload(@JsonProperty("Metadata") Map<String, String> metadata,
        @JsonProperty("Service") String service,
        @JsonProperty("Version") String version,
        @JsonProperty("Endpoints") List<Endpoint> endpoints,
        @JsonProperty("Address") String address,
        @JsonProperty("ServiceMetadata") Map<String, String> serviceMetadata) {
}
