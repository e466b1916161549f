package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An approved action failed at Google; {@code detail} says why. */
public record ApprovalFailed(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    @Nullable String detail) {

  static ApprovalFailed of(Approval approval, @Nullable String detail) {
    return new ApprovalFailed(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        detail);
  }
}
