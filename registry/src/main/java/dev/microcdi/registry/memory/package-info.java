/** The in-process registry ({@code micro.registry=memory}). */
package dev.microcdi.registry.memory;
