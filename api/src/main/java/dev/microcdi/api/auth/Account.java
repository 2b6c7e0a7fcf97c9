package dev.microcdi.api.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An identity known to an {@link Auth}, Go Micro's {@code auth.Account}. {@link #toString()} leaves the secret
 * out, so that an account can be logged.
 *
 * @param id the account's id, e.g. a user name, an email address or a service name; never blank
 * @param type the kind of account, e.g. {@code user} or {@code service}; null becomes empty
 * @param issuer who issued the account, e.g. the auth's namespace; null becomes empty
 * @param secret the secret that exchanges for tokens with {@link Auth#token(TokenOptions)}, set only in the
 *               account that {@link Auth#generate(String, GenerateOptions)} returns; null becomes empty
 * @param scopes what the account may do, matched against {@link Rule#scope()}; never null
 * @param metadata anything else about the account; never null, no null names or values
 */
public record Account(String id, String type, String issuer, String secret, List<String> scopes,
        Map<String, String> metadata) {

    /**
     * Validates and copies the components.
     *
     * @param id the account's id, e.g. a user name, an email address or a service name; never blank
     * @param type the kind of account, e.g. {@code user} or {@code service}; null becomes empty
     * @param issuer who issued the account, e.g. the auth's namespace; null becomes empty
     * @param secret the secret that exchanges for tokens with {@link Auth#token(TokenOptions)}, set only in the
     *   account that {@link Auth#generate(String, GenerateOptions)} returns; null becomes empty
     * @param scopes what the account may do, matched against {@link Rule#scope()}; never null
     * @param metadata anything else about the account; never null, no null names or values
     */
    public Account {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("account id is blank");
        }
        type = type == null ? "" : type;
        issuer = issuer == null ? "" : issuer;
        secret = secret == null ? "" : secret;
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * This account without its secret, as {@link Auth#inspect(String)} returns accounts.
     *
     * @return a copy with an empty secret
     */
    public Account withoutSecret() {
        return new Account(id, type, issuer, "", scopes, metadata);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", type=" + type + ", issuer=" + issuer + ", secret="
                + (secret.isEmpty() ? "" : "***") + ", scopes=" + scopes + ", metadata=" + metadata + "]";
    }
}
