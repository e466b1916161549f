package theo.google;

import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.HttpUnsuccessfulResponseHandler;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Authorizes every request of one person's clients and answers Google's 401 the way Google's own
 * {@code Credential} does: through the request's unsuccessful-response handler, which gets a fresh
 * token once and lets the request (or the batch part) be sent once more. The token is reused for a
 * few seconds, since a batch of 100 parts would otherwise look it up 101 times; the auth module
 * hands out tokens valid for at least a minute, so a token fetched that recently is still valid.
 */
final class UserAuthorization implements HttpRequestInitializer {
  private static final long REUSE_MILLIS = 20_000;

  private final UUID userId;
  private final GoogleTokens tokens;
  private final LongSupplier millis;
  private @Nullable String token;
  private long fetchedAt;
  private @Nullable String lastRejected;

  UserAuthorization(UUID userId, GoogleTokens tokens, LongSupplier millis) {
    this.userId = userId;
    this.tokens = tokens;
    this.millis = millis;
  }

  @Override
  public void initialize(HttpRequest request) {
    GoogleApis.timeouts(request);
    // One more send, used only by the 401 handler below (no I/O handler is set, so I/O errors
    // are not retried here but by the retry policy).
    request.setNumberOfRetries(1);
    request.setUnsuccessfulResponseHandler(new RefreshOnce());
    request.getHeaders().setAuthorization("Bearer " + token());
  }

  private synchronized String token() {
    long now = millis.getAsLong();
    if (token == null || now - fetchedAt >= REUSE_MILLIS) {
      token = tokens.accessToken(userId);
      fetchedAt = now;
    }
    return token;
  }

  /** The token to use instead of {@code rejected}; asks auth only once per refused token. */
  private synchronized String replace(String rejected) {
    if (rejected.equals(lastRejected) && token != null) {
      return token;
    }
    token = tokens.refreshRejected(userId, rejected);
    fetchedAt = millis.getAsLong();
    lastRejected = rejected;
    return token;
  }

  /** Retries one request once after a 401, with a fresh token. */
  private final class RefreshOnce implements HttpUnsuccessfulResponseHandler {
    private boolean used;

    @Override
    public boolean handleResponse(
        HttpRequest request, HttpResponse response, boolean supportsRetry) {
      if (response.getStatusCode() != 401 || used || !supportsRetry) {
        return false;
      }
      used = true;
      String sent = request.getHeaders().getAuthorization();
      String rejected = sent == null ? "" : sent.substring(sent.indexOf(' ') + 1);
      request.getHeaders().setAuthorization("Bearer " + replace(rejected));
      return true;
    }
  }
}
