package theo.integration;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.SignedInUser;
import theo.integration.spi.Integration;
import theo.ratelimit.RateLimited;

/** {@code /api/integrations/{integration}/disconnect}: DELETE, and POST for plain forms. */
@RestController
@RequestMapping("/api/integrations/{integration}/disconnect")
record DisconnectController(Integrations integrations, IntegrationLifecycle lifecycle) {
  @DeleteMapping
  @RateLimited("{integration}Connect")
  IntegrationLifecycle.Disconnection.Answer disconnect(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = integrations.require(integration);
    return lifecycle.disconnect(user.userId(), target).answer();
  }

  @PostMapping
  @RateLimited("{integration}Connect")
  IntegrationLifecycle.Disconnection.Answer disconnectByPost(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    return disconnect(integration, user);
  }
}
