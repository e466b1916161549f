package theo.auth;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import theo.google.GoogleAuthException;
import theo.google.GoogleException;

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
  private final MeterRegistry meters;
  private final Clock clock;
  private final ReentrantLock[] stripes = new ReentrantLock[64];

  TokenRefresher(
      GoogleAccountRepository accounts,
      TokenCipher cipher,
      GoogleOAuthClient google,
      TransactionTemplate transactions,
      JdbcClient jdbc,
      ApplicationEventPublisher events,
      MeterRegistry meters,
      Clock clock) {
    this.accounts = accounts;
    this.cipher = cipher;
    this.google = google;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
    Arrays.setAll(stripes, i -> new ReentrantLock());
  }

  /**
   * A token valid for at least {@link #CLOCK_SKEW}; refreshes when needed.
   *
   * @throws GoogleException {@link GoogleAuthException} when no usable grant is left, else why the
   *     refresh failed
   */
  AccessToken validAccessToken(UUID userId) {
    GoogleAccountRepository.StoredTokens tokens = usableTokens(userId);
    if (fresh(tokens)) {
      return decrypt(tokens);
    }
    return refresh(userId, null);
  }

  /**
   * A token other than {@code rejected}, which Google refused before its expiry (revoked early, or
   * expired at Google): refreshed unless another thread or instance already replaced it.
   */
  AccessToken replaceRejected(UUID userId, String rejected) {
    return refresh(userId, rejected);
  }

  private AccessToken refresh(UUID userId, @Nullable String rejected) {
    ReentrantLock lock = stripes[Math.floorMod(userId.hashCode(), stripes.length)];
    lock.lock();
    try {
      Outcome outcome = transactions.execute(status -> refreshLocked(userId, rejected));
      if (outcome.failure() != null) {
        events.publishEvent(
            new GoogleTokenRefreshFailed(userId, outcome.reconnectRequired(), outcome.reason()));
        throw outcome.failure();
      }
      return Objects.requireNonNull(outcome.token());
    } finally {
      lock.unlock();
    }
  }

  private Outcome refreshLocked(UUID userId, @Nullable String rejected) {
    jdbc.sql("select pg_advisory_xact_lock(hashtextextended(cast(:userId as text), 7))")
        .param("userId", userId)
        .query((rs, row) -> 1)
        .list();
    GoogleAccountRepository.StoredTokens tokens = usableTokens(userId);
    if (fresh(tokens) && (rejected == null || !decrypt(tokens).value().equals(rejected))) {
      return Outcome.ok(decrypt(tokens));
    }
    if (tokens.refreshToken() == null) {
      countFailure("no_refresh_token");
      return Outcome.failed(
          GoogleAuthException.notConnected(), false, "No refresh token is stored");
    }
    GoogleOAuthClient.RefreshResponse response;
    try {
      response = google.refresh(cipher.decrypt(tokens.refreshToken()));
    } catch (GoogleException e) {
      log.warn("Token refresh for user {} failed: {}", userId, e.code());
      countFailure("unreachable");
      return Outcome.failed(e, false, "Google could not be reached to refresh the token");
    }
    Instant now = clock.instant();
    if (response.accessToken() == null) {
      if ("invalid_grant".equals(response.error())) {
        countFailure("invalid_grant");
        accounts.markReconnectRequired(userId, now);
        return Outcome.failed(
            GoogleAuthException.reconnectRequired(),
            true,
            "Google no longer accepts the stored grant");
      }
      countFailure("refused");
      return Outcome.failed(
          GoogleAuthException.refreshRefused(), false, "Google refused the token refresh");
    }
    meters.counter("theo.tokens.refreshes").increment();
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

  /** {@code theo.tokens.refresh.failures} by a reason from a fixed set (never Google's words). */
  private void countFailure(String reason) {
    meters.counter("theo.tokens.refresh.failures", "reason", reason).increment();
  }

  private GoogleAccountRepository.StoredTokens usableTokens(UUID userId) {
    GoogleAccount account = accounts.find(userId).orElseThrow(GoogleAuthException::notConnected);
    if (account.reconnectRequired()) {
      throw GoogleAuthException.reconnectRequired();
    }
    return accounts
        .tokensOf(userId)
        .filter(tokens -> tokens.accessToken() != null || tokens.refreshToken() != null)
        .orElseThrow(GoogleAuthException::notConnected);
  }

  private boolean fresh(GoogleAccountRepository.StoredTokens tokens) {
    return tokens.accessToken() != null
        && tokens.accessTokenExpiresAt() != null
        && tokens.accessTokenExpiresAt().isAfter(clock.instant().plus(CLOCK_SKEW));
  }

  private AccessToken decrypt(GoogleAccountRepository.StoredTokens tokens) {
    return new AccessToken(
        cipher.decrypt(Objects.requireNonNull(tokens.accessToken())),
        tokens.accessTokenExpiresAt());
  }

  /** A refreshed token, or why there is none (the reason in words for the audit log). */
  private record Outcome(
      @Nullable AccessToken token,
      @Nullable GoogleException failure,
      boolean reconnectRequired,
      @Nullable String reason) {
    static Outcome ok(AccessToken token) {
      return new Outcome(token, null, false, null);
    }

    static Outcome failed(GoogleException failure, boolean reconnectRequired, String reason) {
      return new Outcome(null, failure, reconnectRequired, reason);
    }
  }
}
