package dev.microcdi.api.client;

import java.util.Map;

/**
 * Implemented by the publishers that {@link Client#stream} returns: the metadata the server sent with its
 * answer ({@code CallContext.responseMetadata()} on the server). Unary calls return it in a {@link Reply}.
 */
public interface ResponseMetadata {

    /**
     * The response metadata received so far: complete once the first response, or the end of the stream,
     * has been delivered.
     *
     * @return the metadata, names as sent; never null
     */
    Map<String, String> responseMetadata();
}
