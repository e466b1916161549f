package theo.integration;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import theo.auth.TokenHealth;

/** The body of {@code GET /api/integrations/status}. */
record IntegrationStatus(
    boolean authenticated, User user, Google google, Map<String, Object> integrations) {

  record User(UUID id, String email, String name) {}

  record Google(
      boolean connected,
      String email,
      Set<String> grantedScopes,
      boolean reconnectRequired,
      boolean revokePending,
      @Nullable TokenHealth tokenHealth) {}
}
