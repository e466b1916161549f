package theo.integration;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code sync_runs}: one run of one integration's sync for one user. */
public record SyncRunRecord(
    UUID id,
    UUID userId,
    String integration,
    String requestedType,
    @Nullable String ranAs,
    String status,
    String trigger,
    long processed,
    long total,
    @Nullable String error,
    boolean cancelRequested,
    Instant queuedAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt) {

  boolean active() {
    return "queued".equals(status) || "running".equals(status);
  }
}
