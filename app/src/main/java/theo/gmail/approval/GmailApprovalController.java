package theo.gmail.approval;

import com.google.api.services.gmail.model.Draft;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePartHeader;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.approval.Approvals;
import theo.auth.SignedInUser;
import theo.platform.InvalidInputException;
import theo.platform.TextRules;
import theo.ratelimit.RateLimited;

/**
 * Gmail's writing endpoints: drafts ({@code /api/integrations/gmail/drafts}), email approvals
 * backed by a draft ({@code POST /approvals}; deciding them is the shared approvals controller) and
 * {@code /send}, which asks for approval unless {@code theo.gmail.direct-send} is on.
 */
@RestController
class GmailApprovalController {
  private static final String BASE = "/api/integrations/gmail";
  private static final int MAX_DRAFTS = 50;
  // Gmail's limits: a header line of 998 characters, 100 recipients, 254-character addresses.
  private static final int MAX_SUBJECT = 998;
  private static final int MAX_RECIPIENTS = 100;
  private static final int MAX_ADDRESS = 254;
  private static final int MAX_RECIPIENTS_TEXT = MAX_RECIPIENTS * (MAX_ADDRESS + 2);
  private static final Pattern DRAFT_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

  private final Approvals approvals;
  private final ComposeClient gmail;
  private final Clock clock;
  private final boolean directSend;

  GmailApprovalController(
      Approvals approvals,
      ComposeClient gmail,
      Clock clock,
      @Value("${theo.gmail.direct-send:false}") boolean directSend) {
    this.approvals = approvals;
    this.gmail = gmail;
    this.clock = clock;
    this.directSend = directSend;
  }

  @PostMapping(BASE + "/approvals")
  @RateLimited("gmailApprovals")
  ResponseEntity<Map<String, Object>> requestApproval(
      @RequestBody Email.Input input,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    Approvals.Created created = propose(user, input, key);
    return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(Map.of("approval", created.approval().view(clock.instant())));
  }

  @PostMapping(BASE + "/send")
  @RateLimited("gmailSend")
  ResponseEntity<Map<String, Object>> send(
      @RequestBody Email.Input input,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    if (!directSend) {
      Approvals.Created created = propose(user, input, key);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("sent", false);
      body.put("approvalRequired", true);
      body.put("approval", created.approval().view(clock.instant()));
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    }
    Email email = checked(input).validate();
    approvals.requireCapability(user.userId(), "gmail", "canSend");
    Message sent = gmail.send(user.userId(), email);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sent", true);
    body.put("messageId", sent.getId());
    body.put("threadId", sent.getThreadId());
    return ResponseEntity.ok(body);
  }

  private Approvals.Created propose(SignedInUser user, Email.Input input, @Nullable String key) {
    Email email = checked(input).validate();
    Duration expiresIn = null;
    if (input.expiresInMinutes() != null) {
      if (input.expiresInMinutes() < 1) {
        throw Email.invalid("expiresInMinutes must be at least 1");
      }
      expiresIn = Duration.ofMinutes(input.expiresInMinutes());
    }
    if (key != null && (key.isBlank() || key.length() > 200)) {
      throw Email.invalid("Idempotency-Key must be 1 to 200 characters");
    }
    return approvals.create(
        new Approvals.Request(
            user.userId(),
            "gmail",
            GmailApprovalExecutor.SEND_EMAIL,
            email.toMap(),
            email.summary(),
            expiresIn,
            key));
  }

  // ---- drafts ----

  @GetMapping(BASE + "/drafts")
  @RateLimited("gmailDrafts")
  Map<String, Object> drafts(
      @RequestParam(defaultValue = "20") int limit, @AuthenticationPrincipal SignedInUser user) {
    if (limit < 1 || limit > MAX_DRAFTS) {
      throw new InvalidInputException("limit must be between 1 and " + MAX_DRAFTS);
    }
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    List<Map<String, Object>> drafts =
        gmail.listDrafts(user.userId(), limit).stream()
            .map(d -> view(gmail.getDraft(user.userId(), d.getId())))
            .toList();
    return Map.of("drafts", drafts);
  }

  @PostMapping(BASE + "/drafts")
  @RateLimited("gmailDrafts")
  ResponseEntity<Map<String, Object>> createDraft(
      @RequestBody Email.Input input, @AuthenticationPrincipal SignedInUser user) {
    Email email = checked(input).validate();
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    Draft draft = gmail.createDraft(user.userId(), email);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("draft", view(gmail.getDraft(user.userId(), draft.getId()))));
  }

  @GetMapping(BASE + "/drafts/{id}")
  @RateLimited("gmailDrafts")
  Map<String, Object> draft(@PathVariable String id, @AuthenticationPrincipal SignedInUser user) {
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    return Map.of("draft", view(gmail.getDraft(user.userId(), draftId(id))));
  }

  @PutMapping(BASE + "/drafts/{id}")
  @RateLimited("gmailDrafts")
  Map<String, Object> updateDraft(
      @PathVariable String id,
      @RequestBody Email.Input input,
      @AuthenticationPrincipal SignedInUser user) {
    Email email = checked(input).validate();
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    gmail.updateDraft(user.userId(), draftId(id), email);
    return Map.of("draft", view(gmail.getDraft(user.userId(), id)));
  }

  @DeleteMapping(BASE + "/drafts/{id}")
  @RateLimited("gmailDrafts")
  Map<String, Object> deleteDraft(
      @PathVariable String id, @AuthenticationPrincipal SignedInUser user) {
    approvals.requireCapability(user.userId(), "gmail", "canCompose");
    gmail.getDraft(user.userId(), draftId(id));
    gmail.deleteDraft(user.userId(), id);
    return Map.of("success", true);
  }

  /**
   * What Gmail itself refuses, checked before anything reaches it (a refused request must leave no
   * draft behind): one-line subjects and recipients of sane length.
   */
  private static Email.Input checked(Email.Input input) {
    TextRules.oneLine("subject", input.subject(), MAX_SUBJECT);
    for (Object recipients : Arrays.asList(input.to(), input.cc(), input.bcc())) {
      if (recipients instanceof String text) {
        TextRules.oneLine("recipients", text, MAX_RECIPIENTS_TEXT);
      } else if (recipients instanceof List<?> list) {
        if (list.size() > MAX_RECIPIENTS) {
          throw new InvalidInputException("at most " + MAX_RECIPIENTS + " recipients");
        }
        for (Object item : list) {
          if (item instanceof String text) {
            TextRules.oneLine("recipients", text, MAX_ADDRESS);
          }
        }
      }
    }
    TextRules.oneLine("threadId", input.threadId(), MAX_ADDRESS);
    return input;
  }

  private static String draftId(String id) {
    if (!DRAFT_ID.matcher(id).matches()) {
      throw new InvalidInputException("Invalid draft id");
    }
    return id;
  }

  private static Map<String, Object> view(Draft draft) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", draft.getId());
    Message message = draft.getMessage();
    view.put("messageId", message == null ? null : message.getId());
    view.put("threadId", message == null ? null : message.getThreadId());
    view.put("snippet", message == null ? null : message.getSnippet());
    List<MessagePartHeader> headers =
        message == null || message.getPayload() == null || message.getPayload().getHeaders() == null
            ? List.of()
            : message.getPayload().getHeaders();
    for (String name : List.of("To", "Cc", "Subject")) {
      view.put(
          name.toLowerCase(java.util.Locale.ROOT),
          headers.stream()
              .filter(h -> h.getName().equalsIgnoreCase(name))
              .map(MessagePartHeader::getValue)
              .findFirst()
              .orElse(null));
    }
    return view;
  }
}
