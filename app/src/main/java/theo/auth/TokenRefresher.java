package theo.auth;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands out valid access tokens, refreshing one shortly before it expires. One refresh per account
 * at a time: a striped lock serialises this JVM's threads and a PostgreSQL advisory lock the
 * instances; whoever waited re-reads the row and finds the fresh token.
 */
@Component
class TokenRefresher {
  private static final Logger log = LoggerFactory.getLogger(TokenRefresher.class);

  /** Refresh this long before expiry, so a token never expires in the middle of a call. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

  private final GoogleAccountRepository accounts;
  private final TokenCipher cipher;
  private final GoogleOAuthClient google;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  TokenRefresher(
      GoogleAccountRepository accounts,
      TokenCipher cipher,
      GoogleOAuthClient google,
      TransactionTemplate transactions,
      JdbcClient jdbc,
      ApplicationEventPublisher events,
      Clock clock) {
    this.accounts = accounts;
    this.cipher = cipher;
    this.google = google;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
    Arrays.setAll(stripes, i -> new ReentrantLock());
  }

  /** A token valid for at least {@link #CLOCK_SKEW}; refreshes when needed. */
  AccessToken validAccessToken(UUID userId) {
    GoogleAccountRepository.StoredTokens tokens = usableTokens(userId);
    if (fresh(tokens)) {
      return decrypt(tokens);
    }
    ReentrantLock lock = stripes[Math.floorMod(userId.hashCode(), stripes.length)];
    lock.lock();
    try {
      Outcome outcome = transactions.execute(status -> refreshLocked(userId));
      if (outcome.failure() != null) {
        events.publishEvent(
            new GoogleTokenRefreshFailed(userId, outcome.reconnectRequired(), outcome.failure()));
        throw outcome.reconnectRequired()
            ? new AuthException(
                "RECONNECT_REQUIRED", "Google refused the stored grant; connect Google again")
            : new AuthException("TOKEN_REFRESH_FAILED", outcome.failure());
      }
      return outcome.token();
    } finally {
      lock.unlock();
    }
  }

  private Outcome refreshLocked(UUID userId) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(cast(:userId as text), 7))")
        .param("userId", userId)
        .query((rs, row) -> 1)
        .list();
    GoogleAccountRepository.StoredTokens tokens = usableTokens(userId);
    if (fresh(tokens)) {
      return Outcome.ok(decrypt(tokens));
    }
    if (tokens.refreshToken() == null) {
      return Outcome.failed(false, "No refresh token is stored; connect Google again");
    }
    GoogleOAuthClient.RefreshResponse response;
    try {
      response = google.refresh(cipher.decrypt(tokens.refreshToken()));
    } catch (IOException e) {
      log.warn("Token refresh for user {} failed: {}", userId, e.getMessage());
      return Outcome.failed(false, "Google could not be reached to refresh the token");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.failed(false, "Interrupted while refreshing the token");
    }
    Instant now = clock.instant();
    if (response.accessToken() == null) {
      if ("invalid_grant".equals(response.error())) {
        accounts.markReconnectRequired(userId, now);
        return Outcome.failed(true, "Google answered invalid_grant to the token refresh");
      }
      return Outcome.failed(false, "Google refused the token refresh: " + response.error());
    }
    Set<String> scopes =
        response.scope() == null
            ? tokens.grantedScopes()
            : new LinkedHashSet<>(Arrays.asList(response.scope().trim().split("\\s+")));
    Instant expiresAt = now.plusSeconds(response.expiresIn());
    accounts.saveRefreshed(
        userId,
        scopes,
        cipher.encrypt(response.accessToken()),
        now,
        expiresAt,
        response.refreshToken() == null ? null : cipher.encrypt(response.refreshToken()),
        now);
    return Outcome.ok(new AccessToken(response.accessToken(), expiresAt));
  }

  private GoogleAccountRepository.StoredTokens usableTokens(UUID userId) {
    GoogleAccount account =
        accounts
            .find(userId)
            .orElseThrow(() -> new AuthException("NOT_CONNECTED", "No Google account is linked"));
    if (account.reconnectRequired()) {
      throw new AuthException(
          "RECONNECT_REQUIRED", "Google refused the stored grant; connect Google again");
    }
    return accounts
        .tokensOf(userId)
        .filter(tokens -> tokens.accessToken() != null || tokens.refreshToken() != null)
        .orElseThrow(() -> new AuthException("NOT_CONNECTED", "No Google tokens are stored"));
  }

  private boolean fresh(GoogleAccountRepository.StoredTokens tokens) {
    return tokens.accessToken() != null
        && tokens.accessTokenExpiresAt() != null
        && tokens.accessTokenExpiresAt().isAfter(clock.instant().plus(CLOCK_SKEW));
  }

  private AccessToken decrypt(GoogleAccountRepository.StoredTokens tokens) {
    return new AccessToken(cipher.decrypt(tokens.accessToken()), tokens.accessTokenExpiresAt());
  }

  private record Outcome(AccessToken token, boolean reconnectRequired, String failure) {
    static Outcome ok(AccessToken token) {
      return new Outcome(token, false, null);
    }

    static Outcome failed(boolean reconnectRequired, String failure) {
      return new Outcome(null, reconnectRequired, failure);
    }
  }
}
