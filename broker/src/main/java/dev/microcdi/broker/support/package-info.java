/** Helpers shared by the brokers and streams of this module; not an API. */
package dev.microcdi.broker.support;
