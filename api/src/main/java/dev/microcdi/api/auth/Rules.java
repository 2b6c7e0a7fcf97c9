package dev.microcdi.api.auth;

import java.util.List;

/**
 * The access rules of an {@link Auth}, Go Micro's {@code auth.Rules}. Implementations are thread-safe; a rule
 * granted or revoked applies to the next {@link #verify} on every thread.
 */
public interface Rules {

    /**
     * Adds a rule, or replaces the rule with the same id.
     *
     * @param rule the rule
     * @throws dev.microcdi.api.MicroException 503 when the rules are kept in a backend that cannot be reached
     */
    void grant(Rule rule);

    /**
     * Removes a rule. Removing an unknown id does nothing.
     *
     * @param id the rule's id
     * @throws dev.microcdi.api.MicroException 503 when the rules are kept in a backend that cannot be reached
     */
    void revoke(String id);

    /**
     * The current rules.
     *
     * @return every rule, in the order granted
     */
    List<Rule> list();

    /**
     * Checks that an account may access a resource under the current rules, with Go Micro's semantics (see
     * {@link RuleVerifier}).
     *
     * @param account the caller's account, or null for a caller without one
     * @param resource what is accessed
     * @throws dev.microcdi.api.MicroException 401 when there is no account and no rule lets anonymous callers
     *         in, 403 when access is denied
     */
    default void verify(Account account, Resource resource) {
        RuleVerifier.verify(list(), account, resource);
    }
}
