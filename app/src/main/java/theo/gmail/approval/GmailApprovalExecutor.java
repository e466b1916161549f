package theo.gmail.approval;

import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.Message;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.approval.Approval;
import theo.approval.ApprovalExecutor;
import theo.approval.ApprovalPayload;
import theo.approval.ApprovalResult;

/** An email approval is a real Gmail draft: approving sends it, rejecting deletes it. */
@Component
record GmailApprovalExecutor(ComposeClient gmail) implements ApprovalExecutor {
  static final String SEND_EMAIL = "email.send";

  @Override
  public String integration() {
    return "gmail";
  }

  @Override
  public List<Action> actions() {
    return List.of(new Action(SEND_EMAIL, EmailPayload.class, EmailPayload.Sent.class));
  }

  @Override
  public String capability() {
    return "canCompose";
  }

  @Override
  public Prepared prepare(UUID userId, ApprovalPayload payload) {
    EmailPayload email = (EmailPayload) payload;
    Draft draft = gmail.createDraft(userId, email.email());
    return new Prepared(
        draft.getId(),
        email.withDraft(
            draft.getId(), draft.getMessage() == null ? null : draft.getMessage().getId()));
  }

  @Override
  public ApprovalResult execute(Approval approval) {
    Message sent =
        gmail.sendDraft(
            approval.userId(),
            Objects.requireNonNull(approval.externalId(), "email without draft"));
    return new EmailPayload.Sent(sent.getId(), sent.getThreadId(), sent.getLabelIds());
  }

  @Override
  public void discard(Approval approval) {
    if (approval.externalId() != null) {
      gmail.deleteDraft(approval.userId(), approval.externalId());
    }
  }
}
