package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The person approved an action; it is about to run. */
public record ApprovalApproved(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    @Nullable String detail) {

  static ApprovalApproved of(Approval approval, @Nullable String detail) {
    return new ApprovalApproved(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        detail);
  }
}
