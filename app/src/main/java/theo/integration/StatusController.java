package theo.integration;

import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.GoogleAccounts;
import theo.auth.SignedInUser;

/** The signed-in user's Google connection and (later) each integration's state in one call. */
@RestController
class StatusController {
  private final GoogleAccounts googleAccounts;

  StatusController(GoogleAccounts googleAccounts) {
    this.googleAccounts = googleAccounts;
  }

  @GetMapping("/api/integrations/status")
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
                        googleAccounts.tokenHealth(user.userId()).orElse(null)))
            .orElseGet(
                () -> new IntegrationStatus.Google(false, user.email(), Set.of(), false, null));
    return new IntegrationStatus(
        true,
        new IntegrationStatus.User(user.userId(), user.email(), user.displayName()),
        google,
        Map.of());
  }
}
