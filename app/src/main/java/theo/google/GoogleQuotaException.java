package theo.google;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Google refused the call for rate or quota reasons; worth trying again after a wait. */
public final class GoogleQuotaException extends GoogleException {
  GoogleQuotaException(
      String service, int status, @Nullable String reason, Duration retryAfter, Throwable cause) {
    super(
        "GOOGLE_RATE_LIMITED",
        service + " is receiving too many requests for this account; try again in a minute",
        status,
        reason,
        retryAfter,
        cause);
  }
}
