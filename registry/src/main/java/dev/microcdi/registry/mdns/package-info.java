/**
 * The mDNS registry ({@code micro.registry=mdns}, the default): every process answers for its own nodes on
 * 224.0.0.251:5353 with Go Micro's record layout, bound to loopback unless configured otherwise. See
 * {@code docs/registry.md}.
 */
package dev.microcdi.registry.mdns;
