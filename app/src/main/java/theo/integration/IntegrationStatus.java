package theo.integration;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import theo.auth.TokenHealth;

/** The body of {@code GET /api/integrations/status}. */
record IntegrationStatus(
    boolean authenticated, User user, Google google, Map<String, Integration> integrations) {

  record User(UUID id, String email, String name) {}

  record Google(
      boolean connected,
      String email,
      Set<String> grantedScopes,
      boolean reconnectRequired,
      boolean revokePending,
      @Nullable TokenHealth tokenHealth) {}

  /**
   * One integration's state; every capability ({@code canRead}, {@code canSend}...) also appears as
   * a field of its own next to {@code capabilities}.
   */
  @JsonPropertyOrder({
    "id",
    "displayName",
    "connected",
    "hasRequiredScopes",
    "missingScopes",
    "enabled",
    "reconnectRequired",
    "capabilities",
    "flags",
    "lastSyncAt"
  })
  record Integration(
      String id,
      String displayName,
      boolean connected,
      boolean hasRequiredScopes,
      Set<String> missingScopes,
      boolean enabled,
      boolean reconnectRequired,
      Map<String, Boolean> capabilities,
      @Nullable Instant lastSyncAt) {

    /** The capabilities again, as fields of the integration ({@code canRead: true}). */
    @JsonAnyGetter
    Map<String, Boolean> flags() {
      return capabilities;
    }
  }
}
