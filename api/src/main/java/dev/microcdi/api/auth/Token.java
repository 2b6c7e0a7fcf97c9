package dev.microcdi.api.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Tokens issued by {@link Auth#token(TokenOptions)}, Go Micro's {@code auth.Token}. The access token goes in
 * the {@code Authorization: Bearer <token>} header of calls; the refresh token exchanges for new tokens.
 * {@link #toString()} leaves both tokens out, so that a token can be logged.
 *
 * @param accessToken the token that proves the account; never blank
 * @param refreshToken the token that exchanges for new tokens; null becomes empty (none)
 * @param created when the tokens were issued; never null
 * @param expiry when the access token stops being accepted; never null, not before {@code created}
 */
public record Token(String accessToken, String refreshToken, Instant created, Instant expiry) {

    /**
     * Validates and copies the components.
     *
     * @param accessToken the token that proves the account; never blank
     * @param refreshToken the token that exchanges for new tokens; null becomes empty (none)
     * @param created when the tokens were issued; never null
     * @param expiry when the access token stops being accepted; never null, not before {@code created}
     */
    public Token {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("access token is blank");
        }
        refreshToken = refreshToken == null ? "" : refreshToken;
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isBefore(created)) {
            throw new IllegalArgumentException("token expiry " + expiry + " is before its creation " + created);
        }
    }

    /**
     * Whether the access token has expired at a time.
     *
     * @param now the time to compare with
     * @return true when {@code now} is not before the expiry
     */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiry);
    }

    @Override
    public String toString() {
        return "Token[accessToken=***, refreshToken=" + (refreshToken.isEmpty() ? "" : "***") + ", created="
                + created + ", expiry=" + expiry + "]";
    }
}
