package theo.integration;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
class ConnectController {
  private final Integrations integrations;
  private final ScopeUpgrade scopeUpgrade;
  private final IntegrationLifecycle lifecycle;

  ConnectController(
      Integrations integrations, ScopeUpgrade scopeUpgrade, IntegrationLifecycle lifecycle) {
    this.integrations = integrations;
    this.scopeUpgrade = scopeUpgrade;
    this.lifecycle = lifecycle;
  }

  @GetMapping("/api/integrations/{integration}/connect")
  @RateLimited("{integration}ConnectStatus")
  Map<String, Object> status(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = integrations.require(integration);
    ScopeCheck check = scopeUpgrade.checkScopes(target.scopes(), user.userId());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("connected", check.connected());
    body.put("hasRequiredScopes", check.hasRequiredScopes());
    body.put("missingScopes", check.missingScopes());
    return body;
  }

  @PostMapping("/api/integrations/{integration}/connect")
  @RateLimited("{integration}Connect")
  Map<String, Object> connect(
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    boolean force = Boolean.TRUE.equals(connect.force());
    if (!force && scopeUpgrade.isConnected(target.scopes(), user.userId())) {
      lifecycle.connected(user.userId(), target);
      body.put("alreadyConnected", true);
      body.put("message", target.displayName() + " is already connected; a sync has started");
      return body;
    }
    lifecycle.connectStarted(user.userId(), target, force);
    Map<String, String> authorizationParams = new LinkedHashMap<>();
    authorizationParams.put("scope", String.join(" ", Scopes.requestedFor(target.scopes())));
    authorizationParams.put("prompt", "consent");
    authorizationParams.put("access_type", "offline");
    authorizationParams.put("include_granted_scopes", "true");
    body.put("signInRequired", true);
    body.put("authorizationParams", authorizationParams);
    body.put("callbackUrl", callbackUrl);
    body.put("authorizationUrl", ConnectUrls.authorizationUrl(target.id(), callbackUrl));
    return body;
  }

  /** The body of POST /connect; both parts optional. */
  record ConnectRequest(@Nullable Boolean force, @Nullable String redirectUrl) {}
}
