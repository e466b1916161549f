package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The person rejected an action; what it prepared at Google is removed. */
public record ApprovalRejected(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    @Nullable String detail) {

  static ApprovalRejected of(Approval approval, @Nullable String detail) {
    return new ApprovalRejected(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        detail);
  }
}
