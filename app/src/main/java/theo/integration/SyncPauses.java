package theo.integration;

import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.auth.GoogleAccount;
import theo.auth.GoogleAccounts;

/** Syncs pause while the user's Google account needs reconnecting (Google refused its grant). */
@Component
record SyncPauses(GoogleAccounts accounts) {
  boolean isPaused(UUID userId) {
    return accounts.find(userId).map(GoogleAccount::reconnectRequired).orElse(false);
  }
}
