package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An action was not decided in time and can no longer be approved. */
public record ApprovalExpired(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    @Nullable String detail) {

  static ApprovalExpired of(Approval approval, @Nullable String detail) {
    return new ApprovalExpired(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        detail);
  }
}
