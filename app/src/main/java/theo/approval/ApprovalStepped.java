package theo.approval;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An approval moved one step in its life; published for the audit log. {@code detail} is the
 * person's note (approved, rejected) or Google's error (failed), never a token.
 */
public record ApprovalStepped(
    UUID userId,
    UUID approvalId,
    String integration,
    String actionType,
    String summary,
    Step step,
    @Nullable String detail) {

  /** The steps, in the words the audit log uses ({@code approval.<word>}). */
  public enum Step {
    /** Put up for the person's approval. */
    REQUESTED,
    /** The person approved; the action is about to run. */
    APPROVED,
    /** The approved action ran at Google. */
    EXECUTED,
    /** The person rejected it; what it prepared at Google is removed. */
    REJECTED,
    /** Withdrawn before anyone decided. */
    CANCELLED,
    /** Not decided in time; it can no longer be approved. */
    EXPIRED,
    /** The approved action failed at Google (or its instance died mid-call). */
    FAILED;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static ApprovalStepped of(Approval approval, Step step, @Nullable String detail) {
    return new ApprovalStepped(
        approval.userId(),
        approval.id(),
        approval.integration(),
        approval.actionType(),
        approval.summary(),
        step,
        detail);
  }
}
