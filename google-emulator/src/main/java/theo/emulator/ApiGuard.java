package theo.emulator;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;

/**
 * Checks the bearer token of an API request the way Google does: 401 without a valid token, 403
 * {@code insufficientPermissions} when none of the accepted scopes was granted, 403 when the path's
 * {@code userId} is neither {@code me} nor the token's own account.
 */
public final class ApiGuard {
  private static final String REALM = "Bearer realm=\"https://accounts.google.com/\"";
  private static final String EXPECTED =
      "Expected OAuth 2 access token, login cookie or other valid authentication credential."
          + " See https://developers.google.com/identity/sign-in/web/devconsole-project.";

  private final EmulatorContext context;

  ApiGuard(EmulatorContext context) {
    this.context = context;
  }

  /** The grant behind the request's token, holding at least one of {@code acceptedScopes}. */
  public AccessGrant require(Request request, Set<String> acceptedScopes) {
    Optional<String> token = request.bearerToken();
    if (token.isEmpty()) {
      throw Unauthenticated.MISSING.exception(service(request));
    }
    AccessGrant grant =
        context
            .tokenVerifier()
            .verify(token.get())
            .orElseThrow(() -> Unauthenticated.INVALID.exception(service(request)));
    if (!grant.hasAnyScope(acceptedScopes)) {
      Response refusal =
          GoogleErrors.ApiError.of(
                  403, "insufficientPermissions", "Request had insufficient authentication scopes.")
              .entryMessage("Insufficient Permission")
              .info("ACCESS_TOKEN_SCOPE_INSUFFICIENT", GoogleErrors.GOOGLEAPIS, service(request))
              .response();
      throw new ApiException(
          refusal.withHeader(
              "WWW-Authenticate",
              REALM
                  + ", error=\"insufficient_scope\", scope=\""
                  + String.join(" ", new TreeSet<>(acceptedScopes))
                  + "\""));
    }
    return grant;
  }

  /**
   * Google's two 401s: the legacy entry names the Authorization header, the ErrorInfo says why, and
   * {@code WWW-Authenticate} carries the RFC 6750 challenge ({@code invalid_token} is what makes
   * Google's client libraries refresh the token and retry).
   */
  private enum Unauthenticated {
    MISSING(
        "Request is missing required authentication credential. ",
        "Login Required.",
        "required",
        "CREDENTIALS_MISSING",
        REALM),
    INVALID(
        "Request had invalid authentication credentials. ",
        "Invalid Credentials",
        "authError",
        "ACCESS_TOKEN_EXPIRED",
        REALM + ", error=\"invalid_token\"");

    private final String message;
    private final String entryMessage;
    private final String reason;
    private final String infoReason;
    private final String challenge;

    Unauthenticated(
        String message, String entryMessage, String reason, String infoReason, String challenge) {
      this.message = message + EXPECTED;
      this.entryMessage = entryMessage;
      this.reason = reason;
      this.infoReason = infoReason;
      this.challenge = challenge;
    }

    ApiException exception(String service) {
      Response response =
          GoogleErrors.ApiError.of(401, reason, message)
              .entryMessage(entryMessage)
              .location("Authorization", "header")
              .info(infoReason, GoogleErrors.GOOGLEAPIS, service)
              .response();
      return new ApiException(response.withHeader("WWW-Authenticate", challenge));
    }
  }

  /** The Google service name a request path belongs to, as ErrorInfo metadata names it. */
  static String service(Request request) {
    String path = request.path();
    if (path.startsWith("/gmail/") || path.startsWith("/upload/gmail/")) {
      return "gmail.googleapis.com";
    }
    if (path.startsWith("/drive/")) {
      return "drive.googleapis.com";
    }
    if (path.startsWith("/calendar/")) {
      return "calendar-json.googleapis.com";
    }
    return "people.googleapis.com";
  }

  /** As {@link #require}, and checks the {@code userId} path variable ("me" or own email). */
  public AccessGrant requireUser(Request request, String userId, Set<String> acceptedScopes) {
    AccessGrant grant = require(request, acceptedScopes);
    if (!"me".equals(userId) && !grant.account().email().equalsIgnoreCase(userId)) {
      throw GoogleErrors.apiException(
          403, "forbidden", "Delegation denied for " + grant.account().email());
    }
    return grant;
  }
}
