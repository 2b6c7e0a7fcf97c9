package dev.microcdi.api.auth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@link Auth#generate(String, GenerateOptions)}, Go Micro's {@code WithSecret}, {@code WithType},
 * {@code WithMetadata}, {@code WithProvider} and {@code WithScopes}. {@link #toString()} leaves the secret out.
 *
 * @param secret the account's secret, or null (the default) for a random one that the auth generates
 * @param type the kind of account; default {@value #USER}
 * @param metadata anything else about the account; never null
 * @param provider where the account comes from, e.g. {@code oauth}; empty (the default) for the auth itself.
 *                 Null becomes empty.
 * @param scopes what the account may do; never null, default none
 */
public record GenerateOptions(String secret, String type, Map<String, String> metadata, String provider,
        List<String> scopes) {

    /** The default account type. */
    public static final String USER = "user";

    /** A user account with a generated secret, no metadata and no scopes. */
    public static final GenerateOptions DEFAULT = new GenerateOptions(null, USER, Map.of(), "", List.of());

    /**
     * Validates and copies the components.
     *
     * @param secret the account's secret, or null (the default) for a random one that the auth generates
     * @param type the kind of account; default {@value #USER}
     * @param metadata anything else about the account; never null
     * @param provider where the account comes from, e.g. {@code oauth}; empty (the default) for the auth
     *   itself. Null becomes empty.
     * @param scopes what the account may do; never null, default none
     */
    public GenerateOptions {
        if (secret != null && secret.isEmpty()) {
            throw new IllegalArgumentException("secret is empty; use null for a generated one");
        }
        type = type == null || type.isBlank() ? USER : type;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        provider = provider == null ? "" : provider;
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public String toString() {
        return "GenerateOptions[secret=" + (secret == null ? "generated" : "***") + ", type=" + type
                + ", metadata=" + metadata + ", provider=" + provider + ", scopes=" + scopes + "]";
    }

    /**
     * A builder starting from {@link #DEFAULT}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link GenerateOptions}; not thread-safe. */
    public static final class Builder {
        private String secret;
        private String type = USER;
        private final Map<String, String> metadata = new HashMap<>();
        private String provider = "";
        private final List<String> scopes = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the secret.
         *
         * @param value the secret, or null for a generated one
         * @return this builder
         */
        public Builder secret(String value) {
            this.secret = value;
            return this;
        }

        /**
         * Sets the kind of account.
         *
         * @param value e.g. {@code user} or {@code service}
         * @return this builder
         */
        public Builder type(String value) {
            this.type = value;
            return this;
        }

        /**
         * Adds one metadata entry.
         *
         * @param key the name
         * @param value the value
         * @return this builder
         */
        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        /**
         * Sets where the account comes from.
         *
         * @param value the provider
         * @return this builder
         */
        public Builder provider(String value) {
            this.provider = value;
            return this;
        }

        /**
         * Adds scopes.
         *
         * @param values the scopes
         * @return this builder
         */
        public Builder scopes(String... values) {
            this.scopes.addAll(List.of(values));
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public GenerateOptions build() {
            return new GenerateOptions(secret, type, metadata, provider, scopes);
        }
    }
}
