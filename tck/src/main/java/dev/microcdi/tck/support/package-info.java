/** Helpers shared by the contract tests. */
package dev.microcdi.tck.support;
