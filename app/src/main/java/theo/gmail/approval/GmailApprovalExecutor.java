package theo.gmail.approval;

import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.Message;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.approval.Approval;
import theo.approval.ApprovalExecutor;

/** An email approval is a real Gmail draft: approving sends it, rejecting deletes it. */
@Component
class GmailApprovalExecutor implements ApprovalExecutor {
  static final String SEND_EMAIL = "email.send";

  private final ComposeClient gmail;

  GmailApprovalExecutor(ComposeClient gmail) {
    this.gmail = gmail;
  }

  @Override
  public String integration() {
    return "gmail";
  }

  @Override
  public Set<String> actionTypes() {
    return Set.of(SEND_EMAIL);
  }

  @Override
  public String capability() {
    return "canCompose";
  }

  @Override
  public Prepared prepare(UUID userId, String actionType, Map<String, Object> payload) {
    Draft draft = gmail.createDraft(userId, Email.fromMap(payload));
    Map<String, Object> stored = new LinkedHashMap<>(payload);
    stored.put("draftId", draft.getId());
    stored.put("messageId", draft.getMessage() == null ? null : draft.getMessage().getId());
    return new Prepared(draft.getId(), stored);
  }

  @Override
  public Map<String, Object> execute(Approval approval) {
    Message sent = gmail.sendDraft(approval.userId(), approval.externalId());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("messageId", sent.getId());
    result.put("threadId", sent.getThreadId());
    result.put("labelIds", sent.getLabelIds());
    return result;
  }

  @Override
  public void discard(Approval approval) {
    if (approval.externalId() != null) {
      gmail.deleteDraft(approval.userId(), approval.externalId());
    }
  }
}
