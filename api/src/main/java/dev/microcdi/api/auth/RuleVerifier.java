package dev.microcdi.api.auth;

import dev.microcdi.api.MicroException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Go Micro's {@code auth.Verify}: decides whether an account may use a resource under a set of rules. Every
 * {@link Rules} implementation applies it, so that all providers decide alike. Stateless and thread-safe.
 *
 * <ol>
 *   <li>A rule covers the resource when its type, name and endpoint each equal the resource's (ignoring case)
 *       or are {@value Resource#ANY}; its endpoint also covers the resource when it is a {@code /*} wildcard
 *       over one of the resource endpoint's leading path segments ({@code /*}, {@code /orders/*},
 *       {@code /orders/42/*} for {@code /orders/42}).</li>
 *   <li>The covering rules are taken by priority, highest first; rules of one priority keep their order in the
 *       list.</li>
 *   <li>The first rule that applies decides: a {@value Rule#PUBLIC} scope applies to everyone, with or without
 *       an account; {@value Rule#ANY_ACCOUNT} applies to every account; another scope applies to the accounts
 *       that hold it (ignoring case). Rules other than public ones are passed over when there is no
 *       account.</li>
 *   <li>When no rule applies, access is denied.</li>
 * </ol>
 *
 * <p>A denial is a {@link MicroException} with id {@value #ERROR_ID}: 403 when an account is given or a public
 * rule denies, and 401 when there is no account and no rule decided, since an account might be let in.
 */
public final class RuleVerifier {

    /** The id of the errors this class raises. */
    public static final String ERROR_ID = "micro.auth";

    private RuleVerifier() {
    }

    /**
     * Checks access.
     *
     * @param rules the rules, in any order; never null
     * @param account the caller's account, or null for a caller without one
     * @param resource what is accessed; never null
     * @throws MicroException 401 or 403 when access is denied, as described above
     */
    public static void verify(Collection<Rule> rules, Account account, Resource resource) {
        Rule decider = decidingRule(rules, account, resource);
        if (decider != null && decider.access() == Access.GRANTED) {
            return;
        }
        String endpoint = resource.type() + " " + resource.name() + " " + resource.endpoint();
        if (decider == null && account == null) {
            throw new MicroException(ERROR_ID, MicroException.UNAUTHORIZED,
                    "an account is needed to access " + endpoint);
        }
        String who = account == null ? "anonymous callers" : "account " + account.id();
        String why = decider == null ? "no rule grants it" : "denied by rule " + decider.id();
        throw new MicroException(ERROR_ID, MicroException.FORBIDDEN,
                who + " may not access " + endpoint + ": " + why);
    }

    /**
     * Finds the rule that decides access, without raising an error.
     *
     * @param rules the rules, in any order; never null
     * @param account the caller's account, or null for a caller without one
     * @param resource what is accessed; never null
     * @return the deciding rule (whose {@link Rule#access()} is the answer), or null when no rule applies and
     *         access is therefore denied
     */
    public static Rule decidingRule(Collection<Rule> rules, Account account, Resource resource) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(resource, "resource");
        Set<String> endpoints = coveringEndpoints(resource.endpoint());
        List<Rule> covering = new ArrayList<>();
        for (Rule rule : rules) {
            Resource r = rule.resource();
            if (matches(r.type(), resource.type()) && matches(r.name(), resource.name())
                    && endpoints.contains(lower(r.endpoint()))) {
                covering.add(rule);
            }
        }
        covering.sort(Comparator.comparingInt(Rule::priority).reversed());
        Set<String> scopes = account == null ? Set.of()
                : account.scopes().stream().map(RuleVerifier::lower).collect(Collectors.toSet());
        for (Rule rule : covering) {
            String scope = rule.scope();
            if (scope.equals(Rule.PUBLIC)) {
                return rule;
            }
            if (account == null) {
                continue;
            }
            if (scope.equals(Rule.ANY_ACCOUNT) || scopes.contains(lower(scope))) {
                return rule;
            }
        }
        return null;
    }

    private static boolean matches(String ruleValue, String resourceValue) {
        return ruleValue.equals(Resource.ANY) || lower(ruleValue).equals(lower(resourceValue));
    }

    /** The rule endpoints that cover an endpoint: the wildcard, itself, and a {@code /*} over each prefix. */
    private static Set<String> coveringEndpoints(String endpoint) {
        Set<String> out = new HashSet<>();
        out.add(Resource.ANY);
        out.add(lower(endpoint));
        String[] parts = endpoint.split("/", -1);
        if (parts.length > 1) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    prefix.append('/');
                }
                prefix.append(parts[i]);
                out.add(lower(prefix + "/*"));
            }
        }
        return out;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
