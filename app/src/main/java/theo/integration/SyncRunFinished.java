package theo.integration;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A sync run ended: {@code outcome} succeeded, failed (with its error), cancelled or interrupted
 * (by a shutdown; it resumes after the restart); {@code trigger} says who started it (connect,
 * manual, schedule, resume).
 */
public record SyncRunFinished(
    UUID userId,
    String integration,
    UUID runId,
    String trigger,
    String outcome,
    long processed,
    @Nullable String error) {}
