package theo.gmail.approval;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.jspecify.annotations.Nullable;
import theo.approval.ApprovalPayload;
import theo.approval.ApprovalResult;

/**
 * The payload of an {@code email.send} approval: the email as validated (its fields at the top
 * level), and the Gmail draft that holds it once prepared.
 */
record EmailPayload(
    @JsonUnwrapped Email email, @Nullable String draftId, @Nullable String messageId)
    implements ApprovalPayload {

  EmailPayload withDraft(String draftId, @Nullable String messageId) {
    return new EmailPayload(email, draftId, messageId);
  }

  /** The result of a sent email approval. */
  record Sent(String messageId, String threadId, @Nullable List<String> labelIds)
      implements ApprovalResult {}
}
