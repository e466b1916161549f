package theo.gmail;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to retry a Google call: 429, 403 with a rate-limit reason, 5xx and lost
 * connections are retried with exponential backoff and full jitter, never sooner than Google's
 * {@code Retry-After}.
 */
final class GmailRetry {
  static final int MAX_ATTEMPTS = 8;
  private static final long BASE_MILLIS = 200;
  private static final long MAX_MILLIS = 32_000;

  private GmailRetry() {}

  static boolean retryable(int status, String reason) {
    return status == 0
        || status == 429
        || status >= 500
        || (status == 403
            && ("rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason)));
  }

  /** The wait before retry number {@code attempt} (1-based). */
  static long delayMillis(int attempt, long retryAfterMillis) {
    long ceiling = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(attempt - 1, 20));
    long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Math.max(jittered, retryAfterMillis);
  }

  /**
   * {@code Retry-After} in milliseconds (seconds form; the HTTP-date form is treated as absent).
   */
  static long retryAfterMillis(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, (long) (Double.parseDouble(header.trim()) * 1000));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GmailApiException(0, "interrupted", "Interrupted while waiting to retry", e);
    }
  }
}
