package theo.integration;

import java.util.UUID;

/** Says whether a user's syncs are paused (their Google account needs reconnecting). */
@FunctionalInterface
interface SyncPauses {
  boolean isPaused(UUID userId);
}
