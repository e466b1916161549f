package theo.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * The person spent a named allowance of Theo's own API ({@code gmailSync}, {@code
 * calendarEvents}...): it comes back after {@link #retryAfter()}, when the window resets at {@link
 * #resetAt()}.
 */
public final class RateLimitExceededException extends RefusedException {
  public static final String CODE = "RATE_LIMIT_EXCEEDED";

  private final Duration retryAfter;
  private final Instant resetAt;

  public RateLimitExceededException(String message, Duration retryAfter, Instant resetAt) {
    super(CODE, message);
    this.retryAfter = retryAfter;
    this.resetAt = resetAt;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public Instant resetAt() {
    return resetAt;
  }
}
