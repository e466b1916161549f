package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An action was withdrawn before anyone decided. */
public record ApprovalCancelled(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    @Nullable String detail) {

  static ApprovalCancelled of(Approval approval, @Nullable String detail) {
    return new ApprovalCancelled(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        detail);
  }
}
