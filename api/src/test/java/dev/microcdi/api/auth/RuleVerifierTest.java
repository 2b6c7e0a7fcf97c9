package dev.microcdi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.microcdi.api.MicroException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleVerifierTest {
    private static final Resource HELLO = Resource.service("greeter", "Greeter.Hello");
    private static final Account ADMIN = account("admin", "admin");
    private static final Account READER = account("reader", "read");
    private static final Account NOBODY = account("nobody");

    private static Account account(String id, String... scopes) {
        return new Account(id, "user", "micro", null, List.of(scopes), Map.of());
    }

    private static Rule rule(String id, String scope, Resource resource, Access access, int priority) {
        return new Rule(id, scope, resource, access, priority);
    }

    private static Rule grant(String scope, Resource resource) {
        return rule("grant-" + scope + "-" + resource.endpoint(), scope, resource, Access.GRANTED, 0);
    }

    private static void assertGranted(List<Rule> rules, Account account, Resource resource) {
        assertThatCode(() -> RuleVerifier.verify(rules, account, resource)).doesNotThrowAnyException();
    }

    private static void assertDenied(List<Rule> rules, Account account, Resource resource, int code) {
        assertThatThrownBy(() -> RuleVerifier.verify(rules, account, resource))
                .isInstanceOfSatisfying(MicroException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.id()).isEqualTo(RuleVerifier.ERROR_ID);
                    assertThat(e.detail()).contains(resource.endpoint());
                });
    }

    @Test
    void withoutRulesAnAccountIsForbidden() {
        assertDenied(List.of(), ADMIN, HELLO, 403);
    }

    @Test
    void withoutRulesACallerWithoutAccountIsUnauthorized() {
        assertDenied(List.of(), null, HELLO, 401);
    }

    @Test
    void aPublicGrantLetsEveryoneIn() {
        List<Rule> rules = List.of(grant(Rule.PUBLIC, HELLO));

        assertGranted(rules, null, HELLO);
        assertGranted(rules, NOBODY, HELLO);
    }

    @Test
    void aPublicDenialKeepsEveryoneOutWith403() {
        List<Rule> rules = List.of(rule("deny", Rule.PUBLIC, HELLO, Access.DENIED, 0));

        assertDenied(rules, null, HELLO, 403);
        assertDenied(rules, ADMIN, HELLO, 403);
    }

    @Test
    void anAnyAccountRuleGrantsEveryAccountButNotAnonymousCallers() {
        List<Rule> rules = List.of(grant(Rule.ANY_ACCOUNT, HELLO));

        assertGranted(rules, NOBODY, HELLO);
        assertDenied(rules, null, HELLO, 401);
    }

    @Test
    void anAnyAccountDenialForbidsEveryAccount() {
        List<Rule> rules = List.of(rule("deny", Rule.ANY_ACCOUNT, HELLO, Access.DENIED, 0));

        assertDenied(rules, ADMIN, HELLO, 403);
    }

    @Test
    void aScopedRuleAppliesOnlyToAccountsHoldingTheScopeIgnoringCase() {
        List<Rule> rules = List.of(grant("ADMIN", HELLO));

        assertGranted(rules, ADMIN, HELLO);
        assertDenied(rules, READER, HELLO, 403);
        assertDenied(rules, null, HELLO, 401);
    }

    @Test
    void aScopedDenialForbidsAccountsHoldingTheScope() {
        List<Rule> rules = List.of(rule("deny-read", "read", HELLO, Access.DENIED, 1), grant(Rule.ANY_ACCOUNT, HELLO));

        assertDenied(rules, READER, HELLO, 403);
        assertGranted(rules, ADMIN, HELLO);
    }

    @Test
    void theHighestPriorityApplicableRuleDecides() {
        Rule deny = rule("deny", Rule.ANY_ACCOUNT, HELLO, Access.DENIED, 10);
        Rule allow = rule("allow", "admin", HELLO, Access.GRANTED, 20);

        assertGranted(List.of(deny, allow), ADMIN, HELLO);
        assertDenied(List.of(deny, allow), READER, HELLO, 403);
        assertDenied(List.of(rule("allow", "admin", HELLO, Access.GRANTED, 5), deny), ADMIN, HELLO, 403);
    }

    @Test
    void rulesOfEqualPriorityKeepTheirListOrder() {
        Rule deny = rule("deny", Rule.ANY_ACCOUNT, HELLO, Access.DENIED, 0);
        Rule allow = rule("allow", Rule.ANY_ACCOUNT, HELLO, Access.GRANTED, 0);

        assertDenied(List.of(deny, allow), ADMIN, HELLO, 403);
        assertGranted(List.of(allow, deny), ADMIN, HELLO);
    }

    @Test
    void callersWithoutAccountPassOverAccountRulesToALowerPublicRule() {
        List<Rule> rules = List.of(rule("deny-accounts", Rule.ANY_ACCOUNT, HELLO, Access.DENIED, 10),
                rule("public", Rule.PUBLIC, HELLO, Access.GRANTED, 0));

        assertGranted(rules, null, HELLO);
        assertDenied(rules, ADMIN, HELLO, 403);
    }

    @Test
    void rulesForOtherResourcesDoNotApply() {
        List<Rule> rules = List.of(grant(Rule.PUBLIC, Resource.service("other", "Greeter.Hello")),
                grant(Rule.PUBLIC, Resource.service("greeter", "Greeter.Bye")),
                grant(Rule.PUBLIC, new Resource("greeter", "web", "Greeter.Hello")));

        assertDenied(rules, ADMIN, HELLO, 403);
    }

    @Test
    void wildcardsMatchAnyTypeNameAndEndpoint() {
        assertGranted(List.of(grant(Rule.PUBLIC, new Resource("*", "*", "*"))), null, HELLO);
        assertGranted(List.of(grant(Rule.PUBLIC, new Resource("greeter", "*", "Greeter.Hello"))), null, HELLO);
        assertGranted(List.of(grant(Rule.PUBLIC, new Resource("*", "service", "Greeter.Hello"))), null, HELLO);
        assertGranted(List.of(grant(Rule.PUBLIC, new Resource("greeter", "service", "*"))), null, HELLO);
    }

    @Test
    void matchingIgnoresCase() {
        assertGranted(List.of(grant(Rule.PUBLIC, new Resource("GREETER", "Service", "greeter.hello"))), null, HELLO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/orders", "/orders/42", "/orders/42/items", "/orders/"})
    void aPathWildcardCoversItsPathAndEveryPathBelowIt(String endpoint) {
        List<Rule> rules = List.of(grant(Rule.PUBLIC, new Resource("web", "api", "/orders/*")));

        assertGranted(rules, null, new Resource("web", "api", endpoint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/ordersx/1", "/order/1", "orders/1", "/", "Greeter.Hello"})
    void aPathWildcardDoesNotCoverSiblingsOrParents(String endpoint) {
        List<Rule> rules = List.of(grant(Rule.PUBLIC, new Resource("web", "api", "/orders/*")));

        assertDenied(rules, null, new Resource("web", "api", endpoint), 401);
    }

    @Test
    void aWildcardBelowAnEndpointCoversTheEndpointItselfAsInGo() {
        assertGranted(List.of(grant(Rule.PUBLIC, new Resource("web", "api", "/orders/42/*"))), null,
                new Resource("web", "api", "/orders/42"));
    }

    @Test
    void theRootWildcardCoversEveryAbsolutePathButNotDottedEndpoints() {
        List<Rule> rules = List.of(grant(Rule.PUBLIC, new Resource("*", "*", "/*")));

        assertGranted(rules, null, new Resource("web", "api", "/a/b/c"));
        assertDenied(rules, null, HELLO, 401);
    }

    @Test
    void dottedEndpointsHaveNoPrefixWildcards() {
        assertDenied(List.of(grant(Rule.PUBLIC, Resource.service("greeter", "Greeter.*"))), null, HELLO, 401);
    }

    @Test
    void decidingRuleNamesTheRuleOrNullWhenNoneApplies() {
        Rule deny = rule("deny", "read", HELLO, Access.DENIED, 3);
        Rule allow = rule("allow", Rule.ANY_ACCOUNT, HELLO, Access.GRANTED, 1);
        List<Rule> rules = List.of(allow, deny);

        assertThat(RuleVerifier.decidingRule(rules, READER, HELLO)).isEqualTo(deny);
        assertThat(RuleVerifier.decidingRule(rules, ADMIN, HELLO)).isEqualTo(allow);
        assertThat(RuleVerifier.decidingRule(rules, null, HELLO)).isNull();
    }

    @Test
    void rulesVerifyAppliesTheVerifierToTheCurrentList() {
        List<Rule> granted = new ArrayList<>();
        Rules rules = new Rules() {
            @Override
            public void grant(Rule rule) {
                granted.add(rule);
            }

            @Override
            public void revoke(String id) {
                granted.removeIf(r -> r.id().equals(id));
            }

            @Override
            public List<Rule> list() {
                return List.copyOf(granted);
            }
        };

        assertThatThrownBy(() -> rules.verify(ADMIN, HELLO)).isInstanceOf(MicroException.class);
        rules.grant(grant("admin", HELLO));
        assertThatCode(() -> rules.verify(ADMIN, HELLO)).doesNotThrowAnyException();
    }
}
