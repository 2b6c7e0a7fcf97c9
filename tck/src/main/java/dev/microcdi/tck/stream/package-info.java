/** The contract every {@link dev.microcdi.api.stream.EventStream} provider runs. */
package dev.microcdi.tck.stream;
