package dev.microcdi.api.auth;

/** What a {@link Rule} does to the accounts it applies to, Go Micro's {@code auth.Access}. */
public enum Access {
    /** The rule lets them in. */
    GRANTED,
    /** The rule keeps them out. */
    DENIED
}
