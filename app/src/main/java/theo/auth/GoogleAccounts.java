package theo.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Other modules' way to a user's Google account: its grant state, token health and the current
 * access token for API calls. Tokens are decrypted only on the way out of {@link
 * #currentAccessToken}.
 */
@Service
public class GoogleAccounts {
  private final GoogleAccountRepository accounts;
  private final TokenCipher cipher;
  private final Clock clock;

  GoogleAccounts(GoogleAccountRepository accounts, TokenCipher cipher, Clock clock) {
    this.accounts = accounts;
    this.cipher = cipher;
    this.clock = clock;
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
                    cipher.decrypt(tokens.accessToken()), tokens.accessTokenExpiresAt()));
  }
}
