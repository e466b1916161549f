package theo.gmail;

import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import theo.approval.Approvals;
import theo.auth.Scopes;
import theo.integration.spi.DemoRequest;
import theo.integration.spi.Integration;
import theo.integration.spi.IntegrationPages;
import theo.integration.spi.IntegrationPages.Page;
import theo.integration.spi.IntegrationProfile;

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
  /**
   * Synced by its engine and pushed by its watches; the mail list, one page per conversation, and
   * labels to sync with the maximum age.
   */
  @Override
  public IntegrationProfile profile() {
    return IntegrationProfile.of("Gmail", Scopes.GMAIL_INTEGRATION)
        .syncedBy(engine)
        .pushedBy(watches)
        .withPages(
            new IntegrationPages(
                List.of(
                    Page.browse("mail", "settings/mail", "settings.integration.browseMail"),
                    Page.item("threads", "settings/thread")),
                "settings/sections/gmail"))
        .withDemoData(
            new DemoRequest("alice@example.com", "gmail/generate", "{\"count\":600,\"seed\":7}"),
            new DemoRequest("bob@example.com", "gmail/generate", "{\"count\":150,\"seed\":11}"));
  }

  @Override
  public void deleteUserData(UUID userId) {
    approvals.discardAll(userId, id());
    repository.deleteAll(userId);
    syncState.deleteAll(userId);
  }
}
