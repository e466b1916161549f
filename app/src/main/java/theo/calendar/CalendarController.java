package theo.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.ScopeUpgrade;
import theo.auth.Scopes;
import theo.auth.SignedInUser;
import theo.calendar.CalendarRepository.Cursor;
import theo.calendar.CalendarRepository.EventQuery;
import theo.platform.GoogleDates;
import theo.platform.InvalidInputException;
import theo.platform.ListRequests;
import theo.platform.NotFoundException;
import theo.platform.TextRules;
import theo.ratelimit.RateLimited;

/**
 * The Calendar read API: the calendar list with the person's sync choice, and the synced events
 * with filters and cursor paging.
 */
@RestController
@RequestMapping("/api/integrations/calendar")
record CalendarController(CalendarRepository calendars, ScopeUpgrade scopeUpgrade, Clock clock) {
  static final int MAX_LIMIT = 250;

  @GetMapping("/calendars")
  @RateLimited("calendarCalendars")
  CalendarList calendars(@AuthenticationPrincipal SignedInUser user) {
    UUID userId = connected(user);
    Map<String, Long> counts = calendars.eventCounts(userId);
    return new CalendarList(
        calendars.calendars(userId).stream()
            .map(
                calendar ->
                    new CalendarItem(
                        calendar.id(),
                        calendar.summary(),
                        calendar.accessRole(),
                        calendar.primary(),
                        calendar.selected(),
                        calendar.backgroundColor(),
                        calendar.timeZone(),
                        counts.getOrDefault(calendar.id(), 0L)))
            .toList());
  }

  @PutMapping("/calendars/{calendarId}")
  @RateLimited("calendarCalendars")
  Selected select(
      @AuthenticationPrincipal SignedInUser user,
      @PathVariable String calendarId,
      @RequestBody @Nullable Selection selection) {
    UUID userId = connected(user);
    if (selection == null || selection.selected() == null) {
      throw new InvalidInputException("Send {\"selected\": true|false}");
    }
    if (!calendars.setSelected(userId, calendarId, selection.selected(), clock.instant())) {
      throw unknownCalendar();
    }
    return new Selected(calendarId, selection.selected());
  }

  @GetMapping("/events")
  @RateLimited("calendarEvents")
  EventPage events(
      @AuthenticationPrincipal SignedInUser user,
      @RequestParam(required = false) @Nullable String calendarId,
      @RequestParam(required = false) @Nullable String startDate,
      @RequestParam(required = false) @Nullable String endDate,
      @RequestParam(required = false) @Nullable String query,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    UUID userId = connected(user);
    Instant from = startDate == null ? null : instant(startDate, "startDate", false);
    Instant to = endDate == null ? null : instant(endDate, "endDate", true);
    if (from != null && to != null && !to.isAfter(from)) {
      throw invalid("endDate must be after startDate");
    }
    int size = ListRequests.limit(limit, MAX_LIMIT);
    String text = ListRequests.searchText("query", query);
    String calendar = calendarId == null || calendarId.isBlank() ? null : calendarId;
    if (calendar != null && calendars.calendar(userId, calendar).isEmpty()) {
      throw unknownCalendar();
    }
    EventQuery filter =
        new EventQuery(calendar, from, to, text, cursor == null ? null : decode(cursor), size + 1);
    ListRequests.Page<StoredEvent> page =
        ListRequests.page(calendars.events(userId, filter), size, CalendarController::cursorAfter);
    return new EventPage(
        page.items().stream().map(EventItem::of).toList(),
        calendars.countEvents(userId, filter),
        page.nextCursor());
  }

  /** The user's id when Calendar is connected for them (switched on, read scope granted). */
  private UUID connected(SignedInUser user) {
    return scopeUpgrade.requireConnected(Scopes.CALENDAR_INTEGRATION, user);
  }

  /**
   * A date ({@code 2026-03-01}, UTC; as an end it includes that whole day) or an ISO-8601 date-time
   * with offset.
   */
  private static Instant instant(String value, String name, boolean end) {
    try {
      if (value.length() == 10) {
        LocalDate date = LocalDate.parse(value);
        return GoogleDates.requireInRange(
            name, (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return GoogleDates.requireInRange(name, OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeException e) {
      throw invalid(name + " must be a date (YYYY-MM-DD) or a date-time with offset");
    }
  }

  /** The raw cursor after {@code last}: its start, calendar and id, a line each. */
  private static String cursorAfter(StoredEvent last) {
    return last.startAt().toEpochMilli() + "\n" + last.calendarId() + "\n" + last.id();
  }

  private static Cursor decode(String cursor) {
    try {
      String raw = ListRequests.decodeCursor(cursor);
      String[] parts = raw.split("\n", 3);
      if (parts.length == 3 && TextRules.isOneLine(parts[1]) && TextRules.isOneLine(parts[2])) {
        return new Cursor(
            GoogleDates.requireInRange("cursor", Instant.ofEpochMilli(Long.parseLong(parts[0]))),
            parts[1],
            parts[2]);
      }
    } catch (IllegalArgumentException | DateTimeException | InvalidInputException e) {
      // answered below (NumberFormatException is one too)
    }
    throw new InvalidInputException("INVALID_CURSOR", "The cursor is not one this API gave out");
  }

  private static InvalidInputException invalid(String message) {
    return new InvalidInputException(message);
  }

  private static NotFoundException unknownCalendar() {
    return new NotFoundException("CALENDAR_NOT_FOUND", "No such calendar in your calendar list");
  }

  /** The body of the selection request. */
  record Selection(@Nullable Boolean selected) {}

  /** The answer of the selection request: the calendar and its new choice. */
  record Selected(String id, boolean selected) {}

  /** The calendar list. */
  record CalendarList(List<CalendarItem> items) {}

  /** One calendar and whether it is synced. */
  record CalendarItem(
      String id,
      @Nullable String summary,
      String accessRole,
      boolean primary,
      boolean selected,
      @Nullable String backgroundColor,
      @Nullable String timeZone,
      long eventCount) {}

  /** A page of events; {@code nextCursor} only when more follow. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EventPage(List<EventItem> items, long total, @Nullable String nextCursor) {}

  /**
   * One event as the API shows it: {@code start}/{@code end} are dates for all-day events (end
   * exclusive, as Google's), otherwise UTC instants.
   */
  record EventItem(
      String id,
      String calendarId,
      @Nullable String summary,
      @Nullable String description,
      @Nullable String location,
      String start,
      String end,
      boolean allDay,
      @Nullable String status,
      @Nullable String recurringEventId,
      List<StoredEvent.Attendee> attendees,
      @Nullable String htmlLink,
      @Nullable Instant updated) {

    static EventItem of(StoredEvent event) {
      return new EventItem(
          event.id(),
          event.calendarId(),
          event.summary(),
          event.description(),
          event.location(),
          event.allDay() ? String.valueOf(event.startDate()) : event.startAt().toString(),
          event.allDay() ? String.valueOf(event.endDate()) : event.endAt().toString(),
          event.allDay(),
          event.status(),
          event.recurringEventId(),
          event.attendees(),
          event.htmlLink(),
          event.updated());
    }
  }
}
