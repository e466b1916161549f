package theo.auth;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import theo.google.GoogleTokens;

/**
 * Other modules' way to a user's Google account: its grant state, token health and the current
 * access token for API calls. Tokens are decrypted only on the way out of {@link
 * #currentAccessToken}.
 */
@Service
public class GoogleAccounts implements GoogleTokens {
  private final GoogleAccountRepository accounts;
  private final TokenCipher cipher;
  private final TokenRefresher refresher;
  private final Clock clock;

  GoogleAccounts(
      GoogleAccountRepository accounts, TokenCipher cipher, TokenRefresher refresher, Clock clock) {
    this.accounts = accounts;
    this.cipher = cipher;
    this.refresher = refresher;
    this.clock = clock;
  }

  /**
   * An access token valid for at least a minute, refreshed first when needed (once per account,
   * however many threads and instances ask at the same moment).
   *
   * @throws theo.google.GoogleException {@code RECONNECT_REQUIRED} or {@code NOT_CONNECTED} as a
   *     {@link theo.google.GoogleAuthException}, else why Google could not refresh it
   */
  public AccessToken validAccessToken(UUID userId) {
    return refresher.validAccessToken(userId);
  }

  @Override
  public String accessToken(UUID userId) {
    return refresher.validAccessToken(userId).value();
  }

  @Override
  public String refreshRejected(UUID userId, String rejected) {
    return refresher.replaceRejected(userId, rejected).value();
  }

  public Optional<GoogleAccount> find(UUID userId) {
    return accounts.find(userId);
  }

  public Optional<TokenHealth> tokenHealth(UUID userId) {
    return accounts.find(userId).map(account -> TokenHealth.of(account, clock.instant()));
  }

  /** The stored access token, decrypted; empty when none is stored. It may have expired. */
  public Optional<AccessToken> currentAccessToken(UUID userId) {
    return accounts
        .tokensOf(userId)
        .filter(tokens -> tokens.accessToken() != null)
        .map(
            tokens ->
                new AccessToken(
                    cipher.decrypt(Objects.requireNonNull(tokens.accessToken())),
                    tokens.accessTokenExpiresAt()));
  }
}
