/** A {@link dev.microcdi.api.registry.Registry} on etcd v3. */
package dev.microcdi.registry.etcd;
