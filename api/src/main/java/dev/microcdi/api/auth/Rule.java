package dev.microcdi.api.auth;

import java.util.Objects;

/**
 * Grants or denies access to resources for a scope of accounts, Go Micro's {@code auth.Rule}. See
 * {@link RuleVerifier} for how rules are applied.
 *
 * @param id identifies the rule for {@link Rules#revoke(String)}; never blank
 * @param scope who the rule applies to: {@value #PUBLIC} (empty) for everyone including callers without an
 *              account, {@value #ANY_ACCOUNT} for every account, otherwise the accounts holding this scope
 *              (compared ignoring case); null becomes empty
 * @param resource the resources the rule covers, with {@value Resource#ANY} wildcards; never null
 * @param access whether the rule grants or denies; never null
 * @param priority rules of higher priority are applied first; default 0
 */
public record Rule(String id, String scope, Resource resource, Access access, int priority) {

    /** The scope of a rule that applies to everyone, with or without an account. */
    public static final String PUBLIC = "";

    /** The scope of a rule that applies to every account. */
    public static final String ANY_ACCOUNT = "*";

    /**
     * Validates and copies the components.
     *
     * @param id identifies the rule for {@link Rules#revoke(String)}; never blank
     * @param scope who the rule applies to: {@value #PUBLIC} (empty) for everyone including callers without an
     *   account, {@value #ANY_ACCOUNT} for every account, otherwise the accounts holding this scope (compared
     *   ignoring case); null becomes empty
     * @param resource the resources the rule covers, with {@value Resource#ANY} wildcards; never null
     * @param access whether the rule grants or denies; never null
     * @param priority rules of higher priority are applied first; default 0
     */
    public Rule {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("rule id is blank");
        }
        scope = scope == null ? PUBLIC : scope;
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(access, "access");
    }
}
