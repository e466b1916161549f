package theo.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One line of the audit log. {@code action} is a stable dotted name such as {@code
 * integration.connect.completed}; {@code detail} is for people and never holds a token.
 */
public record AuditEntry(
    long id,
    UUID userId,
    Instant occurredAt,
    String action,
    @Nullable String integration,
    Outcome outcome,
    @Nullable String detail) {

  /** How the audited step ended. */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    INFO
  }
}
