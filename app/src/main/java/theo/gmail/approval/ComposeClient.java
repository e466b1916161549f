package theo.gmail.approval;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.ListDraftsResponse;
import com.google.api.services.gmail.model.Message;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import theo.auth.GoogleApiAccess;
import theo.integration.GoogleCalls;
import theo.platform.GoogleEndpoints;
import theo.platform.NotFoundException;
import theo.platform.RefusedException;

/**
 * Gmail's drafts and send calls for one user, through Google's Java client. Google's errors become
 * {@link RefusedException}s through {@link GoogleCalls}.
 */
@Component
class ComposeClient {
  private final GoogleApiAccess access;
  private final GoogleEndpoints google;

  ComposeClient(GoogleApiAccess access, GoogleEndpoints google) {
    this.access = access;
    this.google = google;
  }

  private Gmail gmail(UUID userId) {
    return new Gmail.Builder(
            access.transport(), GsonFactory.getDefaultInstance(), access.requestInitializer(userId))
        .setRootUrl(google.gmailRootUrl())
        .setApplicationName("theo")
        .build();
  }

  Draft createDraft(UUID userId, Email email) {
    return call(
        () ->
            gmail(userId)
                .users()
                .drafts()
                .create("me", new Draft().setMessage(message(email)))
                .execute());
  }

  Draft updateDraft(UUID userId, String draftId, Email email) {
    return call(
        () ->
            gmail(userId)
                .users()
                .drafts()
                .update("me", draftId, new Draft().setId(draftId).setMessage(message(email)))
                .execute());
  }

  Draft getDraft(UUID userId, String draftId) {
    return call(
        () -> gmail(userId).users().drafts().get("me", draftId).setFormat("metadata").execute());
  }

  List<Draft> listDrafts(UUID userId, long max) {
    ListDraftsResponse response =
        call(() -> gmail(userId).users().drafts().list("me").setMaxResults(max).execute());
    return response.getDrafts() == null ? List.of() : response.getDrafts();
  }

  /** Deletes a draft; one already gone counts as deleted. */
  void deleteDraft(UUID userId, String draftId) {
    try {
      call(
          () -> {
            gmail(userId).users().drafts().delete("me", draftId).execute();
            return null;
          });
    } catch (NotFoundException e) {
      // already gone
    }
  }

  Message sendDraft(UUID userId, String draftId) {
    return call(
        () -> gmail(userId).users().drafts().send("me", new Draft().setId(draftId)).execute());
  }

  Message send(UUID userId, Email email) {
    return call(() -> gmail(userId).users().messages().send("me", message(email)).execute());
  }

  private static Message message(Email email) {
    return new Message().setRaw(email.raw()).setThreadId(email.threadId());
  }

  private static <T> T call(GoogleCalls.Call<T> call) {
    return GoogleCalls.call("Gmail", call);
  }
}
