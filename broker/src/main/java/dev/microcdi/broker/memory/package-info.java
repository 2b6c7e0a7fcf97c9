/** The in-process broker ({@code micro.broker=memory}) and stream ({@code micro.stream=memory}). */
package dev.microcdi.broker.memory;
