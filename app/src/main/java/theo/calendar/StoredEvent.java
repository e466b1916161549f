package theo.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One event, or one instance of a recurring series, as stored for a user. All-day events carry
 * their dates; {@code startAt}/{@code endAt} are then midnight in the calendar's zone.
 */
record StoredEvent(
    String calendarId,
    String id,
    @Nullable String summary,
    @Nullable String description,
    @Nullable String location,
    Instant startAt,
    Instant endAt,
    boolean allDay,
    @Nullable LocalDate startDate,
    @Nullable LocalDate endDate,
    @Nullable String status,
    @Nullable String recurringEventId,
    List<Attendee> attendees,
    @Nullable String htmlLink,
    @Nullable Instant updated) {

  StoredEvent {
    attendees = List.copyOf(attendees);
  }

  /** Whether any part of the event falls in {@code [from, to)}; an instant event counts 1 ms. */
  boolean overlaps(Instant from, Instant to) {
    Instant effectiveEnd = endAt.equals(startAt) ? startAt.plusMillis(1) : endAt;
    return startAt.isBefore(to) && effectiveEnd.isAfter(from);
  }

  /** An attendee and their answer. */
  record Attendee(String email, @Nullable String responseStatus) {}
}
