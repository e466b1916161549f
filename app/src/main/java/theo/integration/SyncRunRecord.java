package theo.integration;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code sync_runs}: one run of one integration's sync for one user. */
public record SyncRunRecord(
    UUID id,
    UUID userId,
    String integration,
    String requestedType,
    String ranAs,
    String status,
    String trigger,
    long processed,
    long total,
    String error,
    boolean cancelRequested,
    Instant queuedAt,
    Instant startedAt,
    Instant finishedAt) {

  boolean active() {
    return "queued".equals(status) || "running".equals(status);
  }
}
