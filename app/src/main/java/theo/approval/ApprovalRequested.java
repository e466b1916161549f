package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An action was put up for the person's approval. */
public record ApprovalRequested(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    @Nullable String detail) {

  static ApprovalRequested of(Approval approval, @Nullable String detail) {
    return new ApprovalRequested(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        detail);
  }
}
