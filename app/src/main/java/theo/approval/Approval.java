package theo.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One action waiting for (or past) the person's decision.
 *
 * @param payload what the executor needs to act, never tokens
 * @param externalId what the action holds at Google, e.g. the Gmail draft id or the event id
 */
public record Approval(
    UUID id,
    UUID userId,
    String integration,
    String actionType,
    Status status,
    Map<String, Object> payload,
    String summary,
    String idempotencyKey,
    @Nullable String externalId,
    @Nullable Map<String, Object> result,
    @Nullable String error,
    @Nullable String notes,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Instant decidedAt,
    @Nullable Instant executedAt) {

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

  /** The JSON view the API serves: everything but the owner and the idempotency key. */
  public Map<String, Object> view(Instant now) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", id);
    view.put("integration", integration);
    view.put("actionType", actionType);
    view.put("status", status.value());
    view.put("summary", summary);
    view.put("payload", payload);
    view.put("externalId", externalId);
    view.put("result", result);
    view.put("error", error);
    view.put("notes", notes);
    view.put("createdAt", createdAt);
    view.put("expiresAt", expiresAt);
    view.put(
        "secondsUntilExpiry",
        status == Status.PENDING ? Math.max(0, Duration.between(now, expiresAt).toSeconds()) : 0);
    view.put("decidedAt", decidedAt);
    view.put("executedAt", executedAt);
    return view;
  }
}
