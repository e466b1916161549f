package theo.integration;

import java.util.UUID;

/** A sync run ended: succeeded, failed (with its error) or cancelled. */
public record SyncRunFinished(
    UUID userId, String integration, UUID runId, String outcome, String error) {}
