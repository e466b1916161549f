package theo.calendar;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.calendar.CalendarRepository.EventQuery;

/**
 * The synced events, read from inside the Calendar module (its approvals check proposed times
 * against every calendar the person syncs, not only the one being changed).
 */
@Component
public class SyncedEvents {
  private static final int MAX_OVERLAPS = 50;

  private final CalendarRepository calendars;

  SyncedEvents(CalendarRepository calendars) {
    this.calendars = calendars;
  }

  /**
   * Timed events of the synced calendars other than {@code exceptCalendarId} (an id, or {@code
   * primary}) overlapping {@code [start, end)}, earliest first. All-day events (holidays,
   * birthdays, out-of-office days) are left out: they rarely block a meeting.
   */
  public List<Overlap> overlapping(
      UUID userId, String exceptCalendarId, Instant start, Instant end) {
    String except =
        "primary".equals(exceptCalendarId)
            ? calendars.calendars(userId).stream()
                .filter(StoredCalendar::primary)
                .map(StoredCalendar::id)
                .findFirst()
                .orElse(exceptCalendarId)
            : exceptCalendarId;
    return calendars
        .events(userId, new EventQuery(null, start, end, null, null, MAX_OVERLAPS))
        .stream()
        .filter(event -> !event.calendarId().equals(except))
        .filter(event -> !event.allDay() && !"cancelled".equals(event.status()))
        .filter(event -> event.overlaps(start, end))
        .map(
            event ->
                new Overlap(
                    event.calendarId(),
                    event.id(),
                    event.recurringEventId(),
                    event.summary(),
                    event.startAt(),
                    event.endAt()))
        .toList();
  }

  /** One synced event in the way. */
  public record Overlap(
      String calendarId,
      String eventId,
      @Nullable String recurringEventId,
      @Nullable String title,
      Instant startsAt,
      Instant endsAt) {}
}
