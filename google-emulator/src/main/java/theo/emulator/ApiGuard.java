package theo.emulator;

import java.util.Set;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;

/**
 * Checks the bearer token of an API request the way Google does: 401 without a valid token, 403
 * {@code insufficientPermissions} when none of the accepted scopes was granted, 403 when the path's
 * {@code userId} is neither {@code me} nor the token's own account.
 */
public final class ApiGuard {
  private final EmulatorContext context;

  ApiGuard(EmulatorContext context) {
    this.context = context;
  }

  /** The grant behind the request's token, holding at least one of {@code acceptedScopes}. */
  public AccessGrant require(Request request, Set<String> acceptedScopes) {
    AccessGrant grant =
        request
            .bearerToken()
            .flatMap(token -> context.tokenVerifier().verify(token))
            .orElseThrow(
                () ->
                    GoogleErrors.apiException(
                        401,
                        "authError",
                        "Request had invalid authentication credentials. Expected OAuth 2 access"
                            + " token, login cookie or other valid authentication credential."));
    if (!grant.hasAnyScope(acceptedScopes)) {
      throw GoogleErrors.apiException(
          403, "insufficientPermissions", "Request had insufficient authentication scopes.");
    }
    return grant;
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
