package theo.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An approval as the API shows it: everything but the owner and the idempotency key.
 *
 * @param status {@code pending}, {@code executing}, {@code executed}, {@code rejected}, {@code
 *     cancelled}, {@code expired} or {@code failed}
 * @param secondsUntilExpiry while pending, the seconds left to decide; else 0
 */
public record ApprovalView(
    UUID id,
    String integration,
    String actionType,
    String status,
    String summary,
    ApprovalPayload payload,
    @Nullable String externalId,
    @Nullable ApprovalResult result,
    @Nullable String error,
    @Nullable String notes,
    Instant createdAt,
    Instant expiresAt,
    long secondsUntilExpiry,
    @Nullable Instant decidedAt,
    @Nullable Instant executedAt) {

  static ApprovalView of(Approval approval, Instant now) {
    Instant expiresAt = approval.window().expiresAt();
    return new ApprovalView(
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.status().value(),
        approval.summary(),
        approval.payload(),
        approval.externalId(),
        approval.execution().result(),
        approval.execution().error(),
        approval.decision().notes(),
        approval.window().createdAt(),
        expiresAt,
        approval.status() == Approval.Status.PENDING
            ? Math.max(0, Duration.between(now, expiresAt).toSeconds())
            : 0,
        approval.decision().decidedAt(),
        approval.execution().executedAt());
  }

  /** {@code {approval}}: the answer of the endpoints about one approval. */
  public record ApprovalAnswer(ApprovalView approval) {}
}
