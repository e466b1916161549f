package theo.gmail.approval;

import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.ListDraftsResponse;
import com.google.api.services.gmail.model.Message;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.google.GoogleApis;
import theo.google.GoogleNotFoundException;

/**
 * Gmail's drafts and send calls for one user, through the Google module's client and retry policy;
 * failures are its {@link theo.google.GoogleException}s.
 */
@Component
record ComposeClient(GoogleApis google) {
  private Gmail.Users.Drafts drafts(UUID userId) {
    return google.gmail(userId).users().drafts();
  }

  Draft createDraft(UUID userId, Email email) {
    return google.execute(
        () -> drafts(userId).create("me", new Draft().setMessage(message(email))));
  }

  Draft updateDraft(UUID userId, String draftId, Email email) {
    return google.execute(
        () ->
            drafts(userId)
                .update("me", draftId, new Draft().setId(draftId).setMessage(message(email))));
  }

  Draft getDraft(UUID userId, String draftId) {
    return google.execute(() -> drafts(userId).get("me", draftId).setFormat("metadata"));
  }

  List<Draft> listDrafts(UUID userId, long max) {
    ListDraftsResponse response =
        google.execute(() -> drafts(userId).list("me").setMaxResults(max));
    return response.getDrafts() == null ? List.of() : response.getDrafts();
  }

  /** Deletes a draft; one already gone counts as deleted. */
  void deleteDraft(UUID userId, String draftId) {
    try {
      google.execute(() -> drafts(userId).delete("me", draftId));
    } catch (GoogleNotFoundException e) {
      // already gone
    }
  }

  Message sendDraft(UUID userId, String draftId) {
    return google.execute(() -> drafts(userId).send("me", new Draft().setId(draftId)));
  }

  Message send(UUID userId, Email email) {
    return google.execute(() -> google.gmail(userId).users().messages().send("me", message(email)));
  }

  private static Message message(Email email) {
    return new Message().setRaw(email.raw()).setThreadId(email.threadId());
  }
}
