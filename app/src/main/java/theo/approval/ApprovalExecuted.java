package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An approved action ran at Google. */
public record ApprovalExecuted(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    @Nullable String detail) {

  static ApprovalExecuted of(Approval approval, @Nullable String detail) {
    return new ApprovalExecuted(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        detail);
  }
}
