package theo.approval;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One action waiting for (or past) the person's decision, in the parts its life fills in: what was
 * asked, what the executor prepared, the time window, the decision and the execution.
 *
 * @param prepared the payload the executor acts on (never tokens) and what the action holds at
 *     Google, e.g. the Gmail draft id or the event id
 */
public record Approval(
    UUID id,
    Action action,
    ApprovalExecutor.Prepared prepared,
    Status status,
    Window window,
    Decision decision,
    Execution execution) {

  /** Who asked for what, in one line, under which idempotency key. */
  public record Action(
      UUID userId, String integration, String type, String summary, String idempotencyKey) {}

  /** When it was asked for and until when it can be approved. */
  public record Window(Instant createdAt, Instant expiresAt) {}

  /** The person's note and when the approval left {@code pending}. */
  public record Decision(@Nullable String notes, @Nullable Instant decidedAt) {
    static final Decision NONE = new Decision(null, null);
  }

  /** What running it gave: the result or the error, and when it finished. */
  public record Execution(
      @Nullable ApprovalResult result, @Nullable String error, @Nullable Instant executedAt) {
    static final Execution NONE = new Execution(null, null, null);
  }

  /** Where an approval is in its life; only {@code PENDING} can be decided. */
  public enum Status {
    PENDING,
    APPROVED,
    EXECUTING,
    EXECUTED,
    REJECTED,
    CANCELLED,
    EXPIRED,
    FAILED;

    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String value) {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
  }

  public UUID userId() {
    return action.userId();
  }

  public String integration() {
    return action.integration();
  }

  public String actionType() {
    return action.type();
  }

  public String summary() {
    return action.summary();
  }

  public ApprovalPayload payload() {
    return prepared.payload();
  }

  public @Nullable String externalId() {
    return prepared.externalId();
  }

  /** The JSON view the API serves: everything but the owner and the idempotency key. */
  public ApprovalView view(Instant now) {
    return ApprovalView.of(this, now);
  }
}
