/** The Redis Streams event stream ({@code micro.stream=redis}). */
package dev.microcdi.broker.redis;
