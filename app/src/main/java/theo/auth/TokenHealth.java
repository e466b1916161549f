package theo.auth;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How healthy a Google access token is, as the settings pages show it.
 *
 * @param expiresIn seconds until expiry (negative once expired), {@code null} when unknown
 * @param expiresInHuman "in 54 minutes", "expired 3 minutes ago" or "unknown"
 */
public record TokenHealth(
    boolean hasRefreshToken, boolean isExpired, @Nullable Long expiresIn, String expiresInHuman) {

  static TokenHealth of(GoogleAccount account, Instant now) {
    Instant expiresAt = account.accessTokenExpiresAt();
    if (expiresAt == null || !account.hasAccessToken()) {
      return new TokenHealth(account.hasRefreshToken(), true, null, "unknown");
    }
    long seconds = Duration.between(now, expiresAt).getSeconds();
    boolean expired = seconds <= 0;
    String human = expired ? "expired " + humanize(-seconds) + " ago" : "in " + humanize(seconds);
    return new TokenHealth(account.hasRefreshToken(), expired, seconds, human);
  }

  static String humanize(long seconds) {
    if (seconds < 60) {
      return plural(seconds, "second");
    }
    if (seconds < 3600) {
      return plural(seconds / 60, "minute");
    }
    if (seconds < 86_400) {
      return plural(seconds / 3600, "hour");
    }
    return plural(seconds / 86_400, "day");
  }

  private static String plural(long amount, String unit) {
    return amount + " " + unit + (amount == 1 ? "" : "s");
  }
}
