package theo.calendar;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A calendar of the user's list as stored, with its sync state: its own events sync token and the
 * checkpoint of a pass in progress ({@code pass} and the {@code pageToken} of its next page).
 */
record StoredCalendar(
    String id,
    @Nullable String summary,
    String accessRole,
    boolean primary,
    boolean hidden,
    @Nullable String backgroundColor,
    @Nullable String timeZone,
    boolean selected,
    @Nullable String syncToken,
    @Nullable String pass,
    @Nullable String pageToken,
    long passNo,
    @Nullable Instant windowStart,
    @Nullable Instant windowEnd) {

  boolean passInProgress() {
    return pass != null;
  }
}
