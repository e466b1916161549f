package theo.gmail;

import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import theo.auth.IntegrationScopes;
import theo.auth.Scopes;
import theo.integration.spi.Integration;
import theo.integration.spi.SyncEngine;

/** Gmail in the shared integration pattern. */
@Component
@EnableConfigurationProperties(GmailProperties.class)
class GmailIntegration implements Integration {
  private final GmailSyncEngine engine;
  private final GmailRepository repository;

  GmailIntegration(GmailSyncEngine engine, GmailRepository repository) {
    this.engine = engine;
    this.repository = repository;
  }

  @Override
  public String displayName() {
    return "Gmail";
  }

  @Override
  public IntegrationScopes scopes() {
    return Scopes.GMAIL_INTEGRATION;
  }

  @Override
  public Optional<SyncEngine> syncEngine() {
    return Optional.of(engine);
  }

  @Override
  public void deleteUserData(UUID userId) {
    repository.deleteAll(userId);
  }
}
