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
      throw unauthenticated(
          request,
          "Request is missing required authentication credential. " + EXPECTED,
          "Login Required.",
          "required",
          "CREDENTIALS_MISSING",
          REALM);
    }
    AccessGrant grant =
        context
            .tokenVerifier()
            .verify(token.get())
            .orElseThrow(
                () ->
                    unauthenticated(
                        request,
                        "Request had invalid authentication credentials. " + EXPECTED,
                        "Invalid Credentials",
                        "authError",
                        "ACCESS_TOKEN_EXPIRED",
                        REALM + ", error=\"invalid_token\""));
    if (!grant.hasAnyScope(acceptedScopes)) {
      Response refusal =
          GoogleErrors.ApiError.of(
                  403, "insufficientPermissions", "Request had insufficient authentication scopes.")
              .entryMessage("Insufficient Permission")
              .info("ACCESS_TOKEN_SCOPE_INSUFFICIENT", service(request))
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
   * Google's 401: the legacy entry names the Authorization header, the ErrorInfo says why, and
   * {@code WWW-Authenticate} carries the RFC 6750 challenge.
   */
  private static ApiException unauthenticated(
      Request request,
      String message,
      String legacyMessage,
      String legacyReason,
      String infoReason,
      String challenge) {
    Response response =
        GoogleErrors.ApiError.of(401, legacyReason, message)
            .entryMessage(legacyMessage)
            .location("Authorization", "header")
            .info(infoReason, service(request))
            .response();
    return new ApiException(response.withHeader("WWW-Authenticate", challenge));
  }

  /** The Google service name a request path belongs to, as ErrorInfo metadata names it. */
  static String service(Request request) {
    String path = request.path();
    if (path.startsWith("/gmail/") || path.startsWith("/upload/gmail/")) {
      return "gmail.googleapis.com";
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
