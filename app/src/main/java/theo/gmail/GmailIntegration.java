package theo.gmail;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import theo.approval.Approvals;
import theo.auth.IntegrationScopes;
import theo.auth.Scopes;
import theo.integration.spi.DemoRequest;
import theo.integration.spi.Integration;
import theo.integration.spi.IntegrationPages;
import theo.integration.spi.IntegrationPages.Page;
import theo.integration.spi.PushSource;
import theo.integration.spi.SyncEngine;

/** Gmail in the shared integration pattern. */
@Component
@EnableConfigurationProperties(GmailProperties.class)
record GmailIntegration(
    GmailSyncEngine engine,
    GmailRepository repository,
    GmailSyncStateRepository syncState,
    Approvals approvals,
    GmailPush watches)
    implements Integration {
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

  /** The mail list, one page per conversation, and labels to sync with the maximum age. */
  @Override
  public IntegrationPages pages() {
    return new IntegrationPages(
        List.of(
            Page.browse("mail", "settings/mail", "settings.integration.browseMail"),
            Page.item("threads", "settings/thread")),
        "settings/sections/gmail");
  }

  @Override
  public List<DemoRequest> demoData() {
    return List.of(
        new DemoRequest("alice@example.com", "gmail/generate", "{\"count\":600,\"seed\":7}"),
        new DemoRequest("bob@example.com", "gmail/generate", "{\"count\":150,\"seed\":11}"));
  }

  @Override
  public Optional<PushSource> push() {
    return Optional.of(watches);
  }

  @Override
  public void deleteUserData(UUID userId) {
    approvals.discardAll(userId, id());
    repository.deleteAll(userId);
    syncState.deleteAll(userId);
  }
}
