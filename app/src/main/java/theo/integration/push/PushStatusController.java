package theo.integration.push;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.SignedInUser;
import theo.integration.Integrations;
import theo.integration.spi.Integration;
import theo.platform.NotFoundException;
import theo.ratelimit.RateLimited;

/**
 * {@code GET /api/integrations/{integration}/push}: whether live updates are on and when the last
 * notification arrived (the sync panel shows both).
 */
@RestController
record PushStatusController(Integrations integrations, PushHealth health) {
  @GetMapping("/api/integrations/{integration}/push")
  @RateLimited("{integration}SyncStatus")
  PushHealth.PushStatus status(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = integrations.require(integration);
    if (target.push().isEmpty()) {
      throw new NotFoundException(
          "PUSH_NOT_SUPPORTED", target.displayName() + " has no live updates");
    }
    return health.status(user.userId(), target.id());
  }
}
