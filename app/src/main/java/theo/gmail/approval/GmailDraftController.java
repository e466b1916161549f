package theo.gmail.approval;

import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.approval.Approvals;
import theo.auth.SignedInUser;
import theo.platform.InvalidInputException;
import theo.ratelimit.RateLimited;

/**
 * {@code /api/integrations/gmail/drafts}: the person's Gmail drafts, listed, read, written and
 * deleted at Google directly (a draft sends nothing).
 */
@RestController
@RequestMapping("/api/integrations/gmail/drafts")
record GmailDraftController(Approvals approvals, ComposeClient gmail) {
  private static final int MAX_DRAFTS = 50;
  private static final Pattern DRAFT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

  @GetMapping
  @RateLimited("gmailDrafts")
  DraftList drafts(
      @RequestParam(defaultValue = "20") int limit, @AuthenticationPrincipal SignedInUser user) {
    if (limit < 1 || limit > MAX_DRAFTS) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_DRAFTS);
    }
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    return new DraftList(
        gmail.listDrafts(user.userId(), limit).stream()
            .map(d -> DraftView.of(gmail.getDraft(user.userId(), d.getId())))
            .toList());
  }

  @PostMapping
  @RateLimited("gmailDrafts")
  ResponseEntity<DraftView.DraftAnswer> createDraft(
      @RequestBody Email.Input input, @AuthenticationPrincipal SignedInUser user) {
    Email email = input.checked();
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    Draft draft = gmail.createDraft(user.userId(), email);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new DraftView.DraftAnswer(DraftView.of(gmail.getDraft(user.userId(), draft.getId()))));
  }

  @GetMapping("/{id}")
  @RateLimited("gmailDrafts")
  DraftView.DraftAnswer draft(@PathVariable String id, @AuthenticationPrincipal SignedInUser user) {
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    return new DraftView.DraftAnswer(DraftView.of(gmail.getDraft(user.userId(), draftId(id))));
  }

  @PutMapping("/{id}")
  @RateLimited("gmailDrafts")
  DraftView.DraftAnswer updateDraft(
      @PathVariable String id,
      @RequestBody Email.Input input,
      @AuthenticationPrincipal SignedInUser user) {
    Email email = input.checked();
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    gmail.updateDraft(user.userId(), draftId(id), email);
    return new DraftView.DraftAnswer(DraftView.of(gmail.getDraft(user.userId(), id)));
  }

  @DeleteMapping("/{id}")
  @RateLimited("gmailDrafts")
  DraftDeleted deleteDraft(@PathVariable String id, @AuthenticationPrincipal SignedInUser user) {
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    gmail.getDraft(user.userId(), draftId(id));
    gmail.deleteDraft(user.userId(), id);
    return new DraftDeleted(true);
  }

  private static String draftId(String id) {
    if (!DRAFT_ID.matcher(id).matches()) {
      throw new InvalidInputException("Invalid draft id");
    }
    return id;
  }

  /** The answer of GET /drafts. */
  record DraftList(List<DraftView> drafts) {}

  /** The answer of DELETE /drafts/{id}. */
  record DraftDeleted(boolean success) {}

  /** A Gmail draft as the API shows it: ids, snippet and the To, Cc and Subject headers. */
  record DraftView(
      String id,
      @Nullable String messageId,
      @Nullable String threadId,
      @Nullable String snippet,
      @Nullable String to,
      @Nullable String cc,
      @Nullable String subject) {

    static DraftView of(Draft draft) {
      Message message = draft.getMessage();
      List<MessagePartHeader> headers =
          message == null
                  || message.getPayload() == null
                  || message.getPayload().getHeaders() == null
              ? List.of()
              : message.getPayload().getHeaders();
      return new DraftView(
          draft.getId(),
          message == null ? null : message.getId(),
          message == null ? null : message.getThreadId(),
          message == null ? null : message.getSnippet(),
          header(headers, "To"),
          header(headers, "Cc"),
          header(headers, "Subject"));
    }

    private static @Nullable String header(List<MessagePartHeader> headers, String name) {
      return headers.stream()
          .filter(h -> h.getName().equalsIgnoreCase(name))
          .map(MessagePartHeader::getValue)
          .findFirst()
          .orElse(null);
    }

    /** {@code {draft}}: the answer about one draft. */
    record DraftAnswer(DraftView draft) {}
  }
}
