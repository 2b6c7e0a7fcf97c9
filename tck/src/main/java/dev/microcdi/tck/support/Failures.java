package dev.microcdi.tck.support;

import dev.microcdi.api.MicroException;

/** Helpers for asserting on failures in contract tests. */
public final class Failures {
    private Failures() {
    }

    /**
     * The {@link MicroException} in a failure chain, thrown directly or completing a stage exceptionally.
     *
     * @param failure the failure
     * @return the first MicroException found
     * @throws AssertionError when the chain holds none
     */
    public static MicroException microException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MicroException m) {
                return m;
            }
        }
        throw new AssertionError("no MicroException in " + failure, failure);
    }
}
