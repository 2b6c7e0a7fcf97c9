package dev.microcdi.api.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of {@link Auth#token(TokenOptions)}, Go Micro's {@code WithCredentials}, {@code WithToken} and
 * {@code WithExpiry}: exactly one of an account's credentials or a refresh token, and how long the new access
 * token lives. There is no {@code DEFAULT}, since a token always needs one of the two; start from
 * {@link #credentials(String, String)}, {@link #refreshToken(String)} or {@link #builder()}. {@link #toString()}
 * leaves the secret and the refresh token out.
 *
 * @param id the account id of the credentials, or null when a refresh token is given
 * @param secret the account secret of the credentials, or null when a refresh token is given
 * @param refreshToken a refresh token from an earlier {@link Token}, or null when credentials are given
 * @param expiry how long the new access token lives; positive, default 1 min as in Go Micro
 */
public record TokenOptions(String id, String secret, String refreshToken, Duration expiry) {

    /** How long an access token lives when the options do not say. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(1);

    /**
     * Validates and copies the components.
     *
     * @param id the account id of the credentials, or null when a refresh token is given
     * @param secret the account secret of the credentials, or null when a refresh token is given
     * @param refreshToken a refresh token from an earlier {@link Token}, or null when credentials are given
     * @param expiry how long the new access token lives; positive, default 1 min as in Go Micro
     */
    public TokenOptions {
        boolean credentials = id != null || secret != null;
        if (credentials && refreshToken != null) {
            throw new IllegalArgumentException("give either credentials or a refresh token, not both");
        }
        if (credentials && (id == null || id.isBlank() || secret == null || secret.isEmpty())) {
            throw new IllegalArgumentException("credentials need both an account id and a secret");
        }
        if (!credentials && (refreshToken == null || refreshToken.isBlank())) {
            throw new IllegalArgumentException("give either credentials or a refresh token");
        }
        Objects.requireNonNull(expiry, "expiry");
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive: " + expiry);
        }
    }

    /**
     * Tokens for an account's credentials, living {@link #DEFAULT_EXPIRY}.
     *
     * @param id the account id
     * @param secret the account secret
     * @return the options
     */
    public static TokenOptions credentials(String id, String secret) {
        return new TokenOptions(id, secret, null, DEFAULT_EXPIRY);
    }

    /**
     * New tokens for a refresh token, living {@link #DEFAULT_EXPIRY}.
     *
     * @param refreshToken the refresh token
     * @return the options
     */
    public static TokenOptions refreshToken(String refreshToken) {
        return new TokenOptions(null, null, refreshToken, DEFAULT_EXPIRY);
    }

    /**
     * Whether the options carry credentials rather than a refresh token.
     *
     * @return true for credentials
     */
    public boolean hasCredentials() {
        return id != null;
    }

    @Override
    public String toString() {
        return hasCredentials() ? "TokenOptions[id=" + id + ", secret=***, expiry=" + expiry + "]"
                : "TokenOptions[refreshToken=***, expiry=" + expiry + "]";
    }

    /**
     * A builder with no credentials or refresh token yet and the default expiry.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TokenOptions}; not thread-safe. */
    public static final class Builder {
        private String id;
        private String secret;
        private String refreshToken;
        private Duration expiry = DEFAULT_EXPIRY;

        private Builder() {
        }

        /**
         * Uses an account's credentials.
         *
         * @param accountId the account id
         * @param accountSecret the account secret
         * @return this builder
         */
        public Builder credentials(String accountId, String accountSecret) {
            this.id = accountId;
            this.secret = accountSecret;
            return this;
        }

        /**
         * Uses a refresh token.
         *
         * @param value the refresh token
         * @return this builder
         */
        public Builder refreshToken(String value) {
            this.refreshToken = value;
            return this;
        }

        /**
         * Sets how long the access token lives.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder expiry(Duration value) {
            this.expiry = value;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalArgumentException unless exactly one of credentials and refresh token is set
         */
        public TokenOptions build() {
            return new TokenOptions(id, secret, refreshToken, expiry);
        }
    }
}
