package theo.audit;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Appends entries and reads a person's own log, newest first. */
@Service
public class AuditLog {
  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  static final int MAX_PAGE = 200;

  private final AuditRepository entries;
  private final Clock clock;

  AuditLog(AuditRepository entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
  }

  /**
   * Appends one entry stamped with the current time. A failing write is logged, never thrown: the
   * step being audited has already happened and must not be reported as failed because of it.
   */
  void append(
      UUID userId,
      String action,
      @Nullable String integration,
      AuditEntry.Outcome outcome,
      @Nullable String detail) {
    try {
      entries.insert(userId, clock.instant(), action, integration, outcome, detail);
    } catch (RuntimeException e) {
      log.error("Could not write audit entry {} for user {}", action, userId, e);
    }
  }

  /** One page of a user's entries; {@code before} is the cursor of the previous page or null. */
  public Page page(UUID userId, @Nullable String before, int limit) {
    AuditCursor cursor = before == null || before.isBlank() ? null : AuditCursor.decode(before);
    int size = Math.max(1, Math.min(limit, MAX_PAGE));
    List<AuditEntry> items = entries.page(userId, cursor, size + 1);
    @Nullable String next = null;
    if (items.size() > size) {
      items = items.subList(0, size);
      AuditEntry last = items.get(size - 1);
      next = new AuditCursor(last.occurredAt(), last.id()).encode();
    }
    return new Page(List.copyOf(items), entries.count(userId), next);
  }

  /** A page of entries, the user's total, and the cursor of the next page (null at the end). */
  public record Page(List<AuditEntry> items, long total, @Nullable String nextCursor) {}
}
