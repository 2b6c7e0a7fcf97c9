/**
 * Helpers shared by the registries of this module: input checks and ordered, asynchronous delivery of
 * watch events. Internal to micro-cdi; not a user API.
 */
package dev.microcdi.registry.support;
