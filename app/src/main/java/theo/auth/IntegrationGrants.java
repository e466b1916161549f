package theo.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code integration_grants} table: which integrations each user has switched on. */
@Repository
record IntegrationGrants(JdbcClient jdbc) {
  void setEnabled(UUID userId, String integration, boolean enabled, Instant now) {
    jdbc.sql(
            """
            insert into integration_grants (user_id, integration, enabled, updated_at)
            values (:userId, :integration, :enabled, :now)
            on conflict (user_id, integration) do update
              set enabled = excluded.enabled, updated_at = excluded.updated_at
            """)
        .param("userId", userId)
        .param("integration", integration)
        .param("enabled", enabled)
        .param("now", Jdbc.timestamp(now))
        .update();
  }

  Set<String> enabled(UUID userId) {
    return Set.copyOf(
        jdbc.sql("select integration from integration_grants where user_id = :userId and enabled")
            .param("userId", userId)
            .query(String.class)
            .list());
  }

  void disableAll(UUID userId, Instant now) {
    Jdbc.updateUser(jdbc, "integration_grants", "enabled = false", userId, now);
  }
}
