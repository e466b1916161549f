package theo.gmail.approval;

import com.google.api.services.gmail.model.Message;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import theo.approval.ApprovalView;
import theo.approval.Approvals;
import theo.auth.SignedInUser;
import theo.ratelimit.RateLimited;

/**
 * Gmail's sending endpoints: email approvals backed by a draft ({@code POST
 * /api/integrations/gmail/approvals}; deciding them is the shared approvals controller) and {@code
 * POST /send}, which asks for approval unless {@code theo.gmail.direct-send} is on.
 */
@RestController
@RequestMapping("/api/integrations/gmail")
class GmailApprovalController {

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

  @PostMapping("/approvals")
  @RateLimited("gmailApprovals")
  ResponseEntity<ApprovalView.ApprovalAnswer> requestApproval(
      @RequestBody Email.Input input,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    Approvals.Created created = propose(user, input, key);
    return ResponseEntity.status(created.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(new ApprovalView.ApprovalAnswer(created.approval().view(clock.instant())));
  }

  @PostMapping("/send")
  @RateLimited("gmailSend")
  ResponseEntity<SendAnswer> send(
      @RequestBody Email.Input input,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key,
      @AuthenticationPrincipal SignedInUser user) {
    if (!directSend) {
      Approvals.Created created = propose(user, input, key);
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(new SendAnswer.Proposed(created.approval().view(clock.instant())));
    }
    Email email = input.checked();
    approvals.requireCapability(user.userId(), "gmail", "canSend");
    Message sent = gmail.send(user.userId(), email);
    return ResponseEntity.ok(new SendAnswer.Sent(sent.getId(), sent.getThreadId()));
  }

  private Approvals.Created propose(SignedInUser user, Email.Input input, @Nullable String key) {
    Email email = input.checked();
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
            email.payload(),
            email.summary(),
            expiresIn,
            key));
  }

  /**
   * The answer of POST /send: without direct send, the approval it asks for; with it, the sent
   * message.
   */
  sealed interface SendAnswer {
    /** {@code {sent:false, approvalRequired:true, approval}}. */
    record Proposed(boolean sent, boolean approvalRequired, ApprovalView approval)
        implements SendAnswer {
      Proposed(ApprovalView approval) {
        this(false, true, approval);
      }
    }

    /** {@code {sent:true, messageId, threadId}}. */
    record Sent(boolean sent, String messageId, String threadId) implements SendAnswer {
      Sent(String messageId, String threadId) {
        this(true, messageId, threadId);
      }
    }
  }
}
