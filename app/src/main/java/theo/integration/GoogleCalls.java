package theo.integration;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import java.io.IOException;
import java.util.Set;
import theo.platform.ConflictException;
import theo.platform.InvalidInputException;
import theo.platform.NotFoundException;
import theo.platform.RefusedException;
import theo.platform.UpstreamFailedException;
import theo.platform.UpstreamRateLimitedException;

/**
 * One Google API call made on behalf of a request to our API (a draft, an event change), with
 * Google's answers turned into {@link RefusedException}s the caller can show: what the person can
 * act on keeps its meaning (400, 404, 409, 410, rate limits as 429), anything else is a 502.
 * Background sync has its own retrying clients; this is for calls a person waits on.
 */
public final class GoogleCalls {
  private static final Set<String> RATE_LIMIT_REASONS =
      Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");

  private GoogleCalls() {}

  /** A call through one of Google's Java clients. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws IOException;
  }

  /** Runs {@code call}; {@code service} names the Google product in messages ("Gmail"). */
  public static <T> T call(String service, Call<T> call) {
    try {
      return call.run();
    } catch (GoogleJsonResponseException e) {
      GoogleJsonError details = e.getDetails();
      int status = e.getStatusCode();
      String message =
          details != null && details.getMessage() != null
              ? details.getMessage()
              : service + " answered " + status;
      throw switch (status) {
        case 400 -> new InvalidInputException("GOOGLE_REJECTED", message);
        case 404 -> new NotFoundException("NOT_FOUND", message);
        case 409 -> new ConflictException("GOOGLE_CONFLICT", message);
        case 410 -> new NotFoundException("NOT_FOUND", message);
        case 429 -> rateLimited(message);
        case 403 ->
            isRateLimit(details)
                ? rateLimited(message)
                : new UpstreamFailedException("GOOGLE_ERROR", message);
        default -> new UpstreamFailedException("GOOGLE_ERROR", message);
      };
    } catch (IOException e) {
      throw new UpstreamFailedException("GOOGLE_UNAVAILABLE", service + " could not be reached");
    }
  }

  private static UpstreamRateLimitedException rateLimited(String message) {
    return new UpstreamRateLimitedException("GOOGLE_RATE_LIMITED", message);
  }

  private static boolean isRateLimit(GoogleJsonError details) {
    return details != null
        && details.getErrors() != null
        && details.getErrors().stream().anyMatch(e -> RATE_LIMIT_REASONS.contains(e.getReason()));
  }
}
