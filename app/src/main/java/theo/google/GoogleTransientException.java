package theo.google;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Google could not be reached or failed on its side (5xx, timeout, lost connection). */
public final class GoogleTransientException extends GoogleException {
  GoogleTransientException(
      String service,
      int status,
      @Nullable String reason,
      Duration retryAfter,
      @Nullable Throwable cause) {
    super(
        "GOOGLE_UNAVAILABLE",
        service + " could not be reached; try again shortly",
        status,
        reason,
        retryAfter,
        cause);
  }
}
