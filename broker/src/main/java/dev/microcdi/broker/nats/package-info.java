/** NATS: the core NATS broker ({@code micro.broker=nats}) and the JetStream stream ({@code micro.stream=nats}). */
package dev.microcdi.broker.nats;
