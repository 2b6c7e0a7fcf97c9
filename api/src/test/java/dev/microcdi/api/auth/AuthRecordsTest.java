package dev.microcdi.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthRecordsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void accountToStringHidesTheSecret() {
        Account account = new Account("alice", "user", "micro", "s3cret", List.of("admin"), Map.of());

        assertThat(account.toString()).doesNotContain("s3cret").contains("alice").contains("admin");
        assertThat(account.withoutSecret().secret()).isEmpty();
        assertThat(account.withoutSecret().scopes()).containsExactly("admin");
    }

    @Test
    void accountNeedsAnIdAndDefaultsTheRest() {
        Account account = new Account("svc", null, null, null, null, null);

        assertThat(account.type()).isEmpty();
        assertThat(account.secret()).isEmpty();
        assertThat(account.scopes()).isEmpty();
        assertThat(account.metadata()).isEmpty();
        assertThatThrownBy(() -> new Account(" ", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenExpiresAtItsExpiry() {
        Token token = new Token("access", null, T0, T0.plusSeconds(60));

        assertThat(token.isExpired(T0.plusSeconds(59))).isFalse();
        assertThat(token.isExpired(T0.plusSeconds(60))).isTrue();
        assertThat(token.refreshToken()).isEmpty();
    }

    @Test
    void tokenRejectsAnExpiryBeforeItsCreationAndABlankAccessToken() {
        assertThatThrownBy(() -> new Token("a", "r", T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Token("", "r", T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenToStringHidesBothTokens() {
        assertThat(new Token("acc-123", "ref-456", T0, T0).toString()).doesNotContain("acc-123", "ref-456");
    }

    @Test
    void tokenOptionsTakeCredentialsOrARefreshTokenWithAOneMinuteDefault() {
        TokenOptions credentials = TokenOptions.credentials("alice", "pw");
        TokenOptions refresh = TokenOptions.refreshToken("r1");

        assertThat(credentials.hasCredentials()).isTrue();
        assertThat(credentials.expiry()).isEqualTo(Duration.ofMinutes(1));
        assertThat(refresh.hasCredentials()).isFalse();
        assertThat(refresh.refreshToken()).isEqualTo("r1");
        assertThat(TokenOptions.builder().refreshToken("r").expiry(Duration.ofHours(1)).build().expiry())
                .isEqualTo(Duration.ofHours(1));
        assertThat(credentials.toString()).doesNotContain("pw");
        assertThat(refresh.toString()).doesNotContain("r1");
    }

    @Test
    void tokenOptionsRejectBothNeitherOrHalfCredentials() {
        assertThatThrownBy(() -> TokenOptions.builder().credentials("a", "b").refreshToken("r").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> TokenOptions.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenOptions.credentials("a", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenOptions.credentials(null, "s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenOptions.refreshToken(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenOptions.builder().refreshToken("r").expiry(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generateOptionsDefaultToAUserWithAGeneratedSecret() {
        assertThat(GenerateOptions.DEFAULT.secret()).isNull();
        assertThat(GenerateOptions.DEFAULT.type()).isEqualTo("user");
        assertThat(GenerateOptions.builder().build()).isEqualTo(GenerateOptions.DEFAULT);
    }

    @Test
    void generateOptionsBuilderSetsEveryField() {
        GenerateOptions options = GenerateOptions.builder().secret("pw").type("service").metadata("team", "blue")
                .provider("oauth").scopes("admin", "read").build();

        assertThat(options).isEqualTo(
                new GenerateOptions("pw", "service", Map.of("team", "blue"), "oauth", List.of("admin", "read")));
        assertThat(options.toString()).doesNotContain("pw");
        assertThatThrownBy(() -> GenerateOptions.builder().secret("").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ruleScopeDefaultsToPublicAndNeedsAnIdResourceAndAccess() {
        Rule rule = new Rule("r1", null, Resource.service("greeter", "*"), Access.GRANTED, 0);

        assertThat(rule.scope()).isEqualTo(Rule.PUBLIC);
        assertThat(rule.resource().type()).isEqualTo(Resource.SERVICE);
        assertThatThrownBy(() -> new Rule(" ", "", rule.resource(), Access.GRANTED, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rule("r", "", null, Access.GRANTED, 0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Rule("r", "", rule.resource(), null, 0)).isInstanceOf(NullPointerException.class);
    }
}
