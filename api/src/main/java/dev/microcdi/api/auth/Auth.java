package dev.microcdi.api.auth;

/**
 * Authentication and authorization, Go Micro's {@code auth.Auth}: accounts with secrets, tokens exchanged for
 * them, and {@link Rules} that decide access. Calls carry the access token in an
 * {@code Authorization: Bearer <token>} header, which the server inspects and checks against the rules for
 * the resource {@code Resource.service(service, endpoint)}. Implementations are thread-safe.
 *
 * <p>Errors are {@link dev.microcdi.api.MicroException}s with id {@code micro.auth}: 401 for bad credentials,
 * an invalid or expired token; 403 when the rules deny access; 400 for invalid arguments; 409 when an
 * account id is generated twice by an auth that keeps accounts; 503 when a backend is unreachable.
 *
 * <p>Providers: {@code noop} (the default, as in Go Micro: every token is accepted and its rules let every
 * caller in) and {@code jwt} (signed JSON Web Tokens, rules applied with {@link RuleVerifier}).
 */
public interface Auth extends AutoCloseable {

    /**
     * Creates an account.
     *
     * @param id the account id
     * @param options the secret, type, metadata, provider and scopes
     * @return the account, including its secret
     */
    Account generate(String id, GenerateOptions options);

    /**
     * Reads the account that an access token proves.
     *
     * @param token the access token
     * @return the account, without its secret
     * @throws dev.microcdi.api.MicroException 401 when the token is invalid or has expired
     */
    Account inspect(String token);

    /**
     * Issues tokens for an account's credentials or a refresh token.
     *
     * @param options the credentials or refresh token, and the expiry of the access token
     * @return the tokens
     * @throws dev.microcdi.api.MicroException 401 when the credentials or the refresh token are not valid
     */
    Token token(TokenOptions options);

    /**
     * The rules that decide access.
     *
     * @return the rules of this auth
     */
    Rules rules();

    /** Releases the auth's resources. Idempotent; does nothing for auths that hold none. */
    @Override
    default void close() {
    }
}
