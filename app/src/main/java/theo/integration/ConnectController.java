package theo.integration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.ConnectUrls;
import theo.auth.ScopeCheck;
import theo.auth.ScopeUpgrade;
import theo.auth.Scopes;
import theo.auth.SignedInUser;
import theo.integration.spi.Integration;
import theo.platform.InvalidInputException;
import theo.ratelimit.RateLimited;

/**
 * {@code /api/integrations/{integration}/connect} for every registered integration: GET reports the
 * scope state, POST starts (or confirms) the connection.
 */
@RestController
@RequestMapping("/api/integrations/{integration}/connect")
record ConnectController(
    Integrations integrations, ScopeUpgrade scopeUpgrade, IntegrationLifecycle lifecycle) {
  @GetMapping
  @RateLimited("{integration}ConnectStatus")
  ConnectState status(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = integrations.require(integration);
    ScopeCheck check = scopeUpgrade.checkScopes(target.scopes(), user.userId());
    return new ConnectState(check.connected(), check.hasRequiredScopes(), check.missingScopes());
  }

  @PostMapping
  @RateLimited("{integration}Connect")
  ConnectAnswer connect(
      @PathVariable String integration,
      @RequestBody(required = false) @Nullable ConnectRequest request,
      @AuthenticationPrincipal SignedInUser user) {
    Integration target = integrations.require(integration);
    ConnectRequest connect = request == null ? new ConnectRequest(null, null) : request;
    String callbackUrl = ConnectUrls.settingsPage(target.id());
    if (connect.redirectUrl() != null) {
      if (!ConnectUrls.isSafe(connect.redirectUrl())) {
        throw new InvalidInputException(
            "INVALID_REDIRECT_URL",
            "redirectUrl must be a path on this site, such as /settings/integrations/"
                + target.id());
      }
      callbackUrl = connect.redirectUrl();
    }
    boolean force = Boolean.TRUE.equals(connect.force());
    if (!force && scopeUpgrade.isConnected(target.scopes(), user.userId())) {
      lifecycle.connected(user.userId(), target);
      return new ConnectAnswer.AlreadyConnected(
          true, true, target.displayName() + " is already connected; a sync has started");
    }
    lifecycle.connectStarted(user.userId(), target, force);
    Map<String, String> authorizationParams = new LinkedHashMap<>();
    authorizationParams.put("scope", String.join(" ", Scopes.requestedFor(target.scopes())));
    authorizationParams.put("prompt", "consent");
    authorizationParams.put("access_type", "offline");
    authorizationParams.put("include_granted_scopes", "true");
    return new ConnectAnswer.SignInRequired(
        true,
        true,
        authorizationParams,
        callbackUrl,
        ConnectUrls.authorizationUrl(target.id(), callbackUrl));
  }

  /** The body of POST /connect; both parts optional. */
  record ConnectRequest(@Nullable Boolean force, @Nullable String redirectUrl) {}

  /** The answer of GET /connect. */
  record ConnectState(boolean connected, boolean hasRequiredScopes, Set<String> missingScopes) {}

  /** The answer of POST /connect: connected already, or the way to Google's consent. */
  sealed interface ConnectAnswer {
    /** Connected and not forced: a sync has started. */
    record AlreadyConnected(boolean success, boolean alreadyConnected, String message)
        implements ConnectAnswer {}

    /**
     * The browser goes to {@code authorizationUrl} and comes back to {@code callbackUrl}.
     *
     * @param authorizationParams what the app asks Google for: scope, prompt, access_type,
     *     include_granted_scopes
     */
    record SignInRequired(
        boolean success,
        boolean signInRequired,
        Map<String, String> authorizationParams,
        String callbackUrl,
        String authorizationUrl)
        implements ConnectAnswer {}
  }
}
