package theo.integration;

import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.SignedInUser;
import theo.integration.spi.Integration;
import theo.ratelimit.RateLimited;

/** {@code /api/integrations/{integration}/disconnect}: DELETE, and POST for plain forms. */
@RestController
class DisconnectController {
  private final Integrations integrations;
  private final IntegrationLifecycle lifecycle;

  DisconnectController(Integrations integrations, IntegrationLifecycle lifecycle) {
    this.integrations = integrations;
    this.lifecycle = lifecycle;
  }

  @DeleteMapping("/api/integrations/{integration}/disconnect")
  @RateLimited("{integration}Connect")
  Map<String, Object> disconnect(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    Integration target = integrations.require(integration);
    return lifecycle.disconnect(user.userId(), target).asBody();
  }

  @PostMapping("/api/integrations/{integration}/disconnect")
  @RateLimited("{integration}Connect")
  Map<String, Object> disconnectByPost(
      @PathVariable String integration, @AuthenticationPrincipal SignedInUser user) {
    return disconnect(integration, user);
  }
}
