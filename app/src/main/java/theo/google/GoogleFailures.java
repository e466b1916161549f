package theo.google;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Google's answers sorted into the sealed {@link GoogleException} classes. Google's own message and
 * body are kept only as the exception's cause (for logs at debug level), never in its message.
 */
public final class GoogleFailures {
  private static final Set<String> RATE_REASONS =
      Set.of(
          "rateLimitExceeded",
          "userRateLimitExceeded",
          "quotaExceeded",
          "RATE_LIMIT_EXCEEDED",
          "RESOURCE_EXHAUSTED");
  private static final Set<String> SCOPE_REASONS =
      Set.of("insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT");

  private GoogleFailures() {}

  /** A failed call through one of Google's Java clients, or through Google's HTTP transport. */
  public static GoogleException classify(String service, IOException e) {
    if (e instanceof HttpResponseException response) {
      GoogleJsonError details =
          response instanceof GoogleJsonResponseException json ? json.getDetails() : null;
      return classify(
          service, response.getStatusCode(), reasonOf(details), response.getHeaders(), e);
    }
    return new GoogleTransientException(service, 0, e.getClass().getSimpleName(), Duration.ZERO, e);
  }

  /** One part of a batch that Google answered with an error. */
  public static GoogleException classify(
      String service, GoogleJsonError error, @Nullable HttpHeaders headers) {
    return classify(
        service,
        error.getCode(),
        reasonOf(error),
        headers,
        new IOException(service + " batch part answered " + error.getCode()));
  }

  static GoogleException classify(
      String service,
      int status,
      @Nullable String reason,
      @Nullable HttpHeaders headers,
      Throwable cause) {
    Duration retryAfter = retryAfter(headers);
    if (status == 429 || (status == 403 && RATE_REASONS.contains(reason))) {
      return new GoogleQuotaException(service, status, reason, retryAfter, cause);
    }
    if (status == 401) {
      return new GoogleAuthException(
          GoogleAuthException.AUTH_FAILED,
          "Google did not accept Theo's access to your account; connect Google again if it persists",
          status,
          reason,
          cause);
    }
    if (status == 403 && SCOPE_REASONS.contains(reason)) {
      return new GoogleAuthException(
          GoogleAuthException.INSUFFICIENT_SCOPE,
          "Your Google grant does not allow this; connect " + service + " again with more access",
          status,
          reason,
          cause);
    }
    if (status == 404 || status == 410) {
      return new GoogleNotFoundException(service, status, reason, cause);
    }
    if (status == 408 || status >= 500) {
      return new GoogleTransientException(service, status, reason, retryAfter, cause);
    }
    if (status >= 400 && status != 403) {
      return new GoogleInvalidRequestException(service, status, reason, cause);
    }
    return new GooglePermanentException(service, "", status, reason, cause);
  }

  private static @Nullable String reasonOf(@Nullable GoogleJsonError details) {
    if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
      return details != null && details.get("status") instanceof String status ? status : null;
    }
    return details.getErrors().get(0).getReason();
  }

  /** {@code Retry-After} in its seconds form; the HTTP-date form counts as absent. */
  static Duration retryAfter(@Nullable HttpHeaders headers) {
    String value = headers == null ? null : headers.getFirstHeaderStringValue("Retry-After");
    if (value == null || value.isBlank()) {
      return Duration.ZERO;
    }
    try {
      return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.trim()) * 1000)));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }
}
