package theo.integration.spi;

import java.util.UUID;

/**
 * An integration's sync: pulls Google's data into the local database. The shared sync service
 * records runs, schedules them, enforces one run per user and integration, and handles
 * cancellation; the engine does the fetching and storing.
 */
public interface SyncEngine {

  /**
   * Runs one sync. {@link SyncType#AUTO} lets the engine choose (incremental when it has a
   * checkpoint, else full). Must be idempotent and resumable: a run interrupted by a crash is
   * started again and continues from the engine's own checkpoint. Report progress and check
   * cancellation through {@code run}.
   */
  SyncResult sync(UUID userId, SyncType type, SyncRun run) throws Exception;

  /** Counts for the status endpoint, e.g. {@code emailCount}, {@code eventCount}. */
  SyncStats stats(UUID userId);
}
