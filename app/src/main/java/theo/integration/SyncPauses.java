package theo.integration;

import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.auth.GoogleAccount;
import theo.auth.GoogleAccounts;

/** Syncs pause while the user's Google account needs reconnecting (Google refused its grant). */
@Component
class SyncPauses {
  private final GoogleAccounts accounts;

  SyncPauses(GoogleAccounts accounts) {
    this.accounts = accounts;
  }

  boolean isPaused(UUID userId) {
    return accounts.find(userId).map(GoogleAccount::reconnectRequired).orElse(false);
  }
}
