package theo.google;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A Google call that failed, classified. Its message is plain words for a person (never Google's
 * error body, an HTTP dump or a URL); its {@link #code} is stable. {@link #status} and {@link
 * #reason} keep what Google answered, for the caller's decisions only (a 410 that asks for a full
 * sync, a 409 on an insert that already happened).
 */
public abstract sealed class GoogleException extends RuntimeException
    permits GoogleAuthException,
        GoogleQuotaException,
        GoogleTransientException,
        GoogleNotFoundException,
        GoogleInvalidRequestException,
        GooglePermanentException {
  private final String code;
  private final int status;
  private final @Nullable String reason;
  private final Duration retryAfter;

  GoogleException(
      String code, String message, int status, @Nullable String reason, @Nullable Throwable cause) {
    this(code, message, status, reason, Duration.ZERO, cause);
  }

  /** A failure that names how long Google asked us to wait before trying again. */
  GoogleException(
      String code,
      String message,
      int status,
      @Nullable String reason,
      Duration retryAfter,
      @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
    this.reason = reason;
    this.retryAfter = retryAfter;
  }

  /** The stable error code, e.g. {@code GOOGLE_RATE_LIMITED}. */
  public String code() {
    return code;
  }

  /** Google's HTTP status; 0 when no answer came. */
  public int status() {
    return status;
  }

  /** Google's error reason ({@code rateLimitExceeded}, {@code invalid_grant}…); never shown. */
  public @Nullable String reason() {
    return reason;
  }

  /**
   * Whether the same call may succeed if tried again later: after a quota refusal or a failure on
   * Google's side, never after the others.
   */
  public final boolean retryable() {
    return this instanceof GoogleQuotaException || this instanceof GoogleTransientException;
  }

  /** How long Google asked us to wait ({@code Retry-After}); zero when it did not say. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
