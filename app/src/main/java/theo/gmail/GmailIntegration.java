package theo.gmail;

import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.approval.Approvals;
import theo.auth.IntegrationScopes;
import theo.auth.Scopes;
import theo.integration.spi.Integration;

/** Gmail in the shared integration pattern. */
@Component
class GmailIntegration implements Integration {
  private final Approvals approvals;

  GmailIntegration(Approvals approvals) {
    this.approvals = approvals;
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
  public void deleteUserData(UUID userId) {
    // Nothing is stored for Gmail yet; the mailbox sync adds its tables here.
    approvals.discardAll(userId, id());
  }
}
