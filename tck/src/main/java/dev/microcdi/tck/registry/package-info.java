/** The contract every {@link dev.microcdi.api.registry.Registry} provider runs. */
package dev.microcdi.tck.registry;
