package theo.calendar;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Turns Google's {@link Event} into what Theo stores. */
final class EventMapper {
  private EventMapper() {}

  static boolean cancelled(Event event) {
    return "cancelled".equals(event.getStatus());
  }

  /** The stored form; all-day dates become instants at midnight in {@code zone}. */
  static StoredEvent toStored(String calendarId, Event event, ZoneId zone) {
    EventDateTime start = Objects.requireNonNull(event.getStart(), "event without start");
    EventDateTime end = event.getEnd() == null ? start : event.getEnd();
    boolean allDay = start.getDate() != null;
    LocalDate startDate = allDay ? date(start.getDate()) : null;
    LocalDate endDate =
        allDay ? date(end.getDate() != null ? end.getDate() : start.getDate()) : null;
    Instant startAt = startDate != null ? startDate.atStartOfDay(zone).toInstant() : instant(start);
    Instant endAt = endDate != null ? endDate.atStartOfDay(zone).toInstant() : instant(end);
    List<StoredEvent.Attendee> attendees =
        event.getAttendees() == null
            ? List.of()
            : event.getAttendees().stream()
                .filter(attendee -> attendee.getEmail() != null)
                .map(EventMapper::attendee)
                .toList();
    return new StoredEvent(
        calendarId,
        event.getId(),
        event.getSummary(),
        event.getDescription(),
        event.getLocation(),
        startAt,
        endAt.isBefore(startAt) ? startAt : endAt,
        allDay,
        startDate,
        endDate,
        event.getStatus(),
        event.getRecurringEventId(),
        attendees,
        event.getHtmlLink(),
        event.getUpdated() == null ? null : Instant.ofEpochMilli(event.getUpdated().getValue()));
  }

  /** The calendar's zone, UTC when it has none or an unknown one. */
  static ZoneId zoneOf(@Nullable String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private static StoredEvent.Attendee attendee(EventAttendee attendee) {
    return new StoredEvent.Attendee(attendee.getEmail(), attendee.getResponseStatus());
  }

  private static Instant instant(EventDateTime value) {
    DateTime dateTime = Objects.requireNonNull(value.getDateTime(), "timed event without time");
    return Instant.ofEpochMilli(dateTime.getValue());
  }

  private static LocalDate date(DateTime date) {
    return LocalDate.parse(date.toStringRfc3339().substring(0, 10));
  }
}
