/** The contract every {@link dev.microcdi.api.broker.Broker} provider runs. */
package dev.microcdi.tck.broker;
