/** The watching registry cache that selectors read on every call. */
package dev.microcdi.registry.cache;
