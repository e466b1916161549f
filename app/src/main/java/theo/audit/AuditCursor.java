package theo.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import theo.platform.GoogleDates;

/** Where a page of the log ends: the last entry's time and id, opaque to clients. */
record AuditCursor(Instant occurredAt, long id) {

  String encode() {
    String raw = occurredAt.getEpochSecond() + ":" + occurredAt.getNano() + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException for anything that is not a cursor this class wrote
   */
  static AuditCursor decode(String cursor) {
    try {
      String[] parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException("Malformed cursor");
      }
      Instant occurredAt =
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
      // Past year 9999 PostgreSQL's timestamps overflow.
      return new AuditCursor(
          GoogleDates.requireInRange("before", occurredAt), Long.parseLong(parts[2]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Malformed cursor", e);
    }
  }
}
