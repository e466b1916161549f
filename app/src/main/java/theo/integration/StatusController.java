package theo.integration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.GoogleAccounts;
import theo.auth.ScopeCheck;
import theo.auth.ScopeUpgrade;
import theo.auth.SignedInUser;
import theo.integration.spi.Integration;

/** The signed-in user's Google connection and every integration's state in one call. */
@RestController
@RequestMapping("/api/integrations/status")
record StatusController(
    GoogleAccounts googleAccounts,
    Integrations integrations,
    ScopeUpgrade scopeUpgrade,
    IntegrationSync sync) {
  @GetMapping
  IntegrationStatus status(@AuthenticationPrincipal SignedInUser user) {
    IntegrationStatus.Google google =
        googleAccounts
            .find(user.userId())
            .map(
                account ->
                    new IntegrationStatus.Google(
                        account.connected(),
                        account.email(),
                        account.grantedScopes(),
                        account.reconnectRequired(),
                        account.revokePending(),
                        googleAccounts.tokenHealth(user.userId()).orElse(null)))
            .orElseGet(
                () ->
                    new IntegrationStatus.Google(
                        false, user.email(), Set.of(), false, false, null));
    Map<String, IntegrationStatus.Integration> perIntegration = new LinkedHashMap<>();
    for (Integration integration : integrations.all()) {
      perIntegration.put(integration.id(), statusOf(integration, user));
    }
    return new IntegrationStatus(
        true,
        new IntegrationStatus.User(user.userId(), user.email(), user.displayName()),
        google,
        perIntegration);
  }

  private IntegrationStatus.Integration statusOf(Integration integration, SignedInUser user) {
    ScopeCheck check = scopeUpgrade.checkScopes(integration.scopes(), user.userId());
    return new IntegrationStatus.Integration(
        integration.id(),
        integration.displayName(),
        check.connected(),
        check.hasRequiredScopes(),
        check.missingScopes(),
        check.enabled(),
        check.reconnectRequired(),
        check.capabilities(),
        sync.lastSyncAt(user.userId(), integration.id()).orElse(null));
  }
}
