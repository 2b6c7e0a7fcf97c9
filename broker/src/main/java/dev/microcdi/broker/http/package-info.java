/** Go Micro's HTTP broker ({@code micro.broker=http}, the default). */
package dev.microcdi.broker.http;
