package theo.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of the audit log. {@code action} is a stable dotted name such as {@code
 * integration.connect.completed}; {@code detail} is for people and never holds a token.
 */
public record AuditEntry(
    long id,
    UUID userId,
    Instant occurredAt,
    String action,
    String integration,
    Outcome outcome,
    String detail) {

  /** How the audited step ended. */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    INFO
  }
}
