package theo.calendar.approval;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import theo.platform.GoogleDates;
import theo.platform.InvalidInputException;
import theo.platform.TextRules;

/**
 * The JSON body of the event endpoints. {@link #forCreate} and {@link #forUpdate} validate it into
 * the payload an approval stores; {@link #event} turns its details into Google's {@link Event}.
 */
record EventInput(
    @Nullable String calendarId,
    @Nullable String title,
    @Nullable String startsAt,
    @Nullable String endsAt,
    @Nullable Boolean allDay,
    @Nullable String timezone,
    @Nullable String location,
    @Nullable String description,
    @Nullable List<String> attendees,
    @Nullable List<String> recurrence,
    @Nullable Integer expiresInMinutes) {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s,<>]+@[^@\\s,<>]+\\.[^@\\s,<>]+$");

  /** A new event: title and startsAt required; the end defaults to an hour (a day) later. */
  EventAction.Create forCreate() {
    if (title == null || title.isBlank()) {
      throw invalid("title is required");
    }
    if (startsAt == null || startsAt.isBlank()) {
      throw invalid("startsAt is required");
    }
    return new EventAction.Create(calendarId(calendarId), validated(), null);
  }

  /** Changes to an event: only what is given; at least one field. */
  EventAction.Update forUpdate(String eventId) {
    EventDetails details = validated();
    if (details.changesNothing()) {
      throw invalid("nothing to change");
    }
    return new EventAction.Update(calendarId(calendarId), details, eventId, null, null, null);
  }

  private EventDetails validated() {
    String validTitle = null;
    if (title != null) {
      if (title.isBlank() || title.length() > 1024 || !TextRules.isOneLine(title)) {
        throw invalid("title must be one line of 1 to 1024 characters");
      }
      validTitle = title.trim();
    }
    ZoneId zone = null;
    if (timezone != null && !timezone.isBlank()) {
      try {
        zone = ZoneId.of(TextRules.oneLine("timezone", timezone.trim(), 64));
      } catch (DateTimeException e) {
        throw invalid("timezone is not a known time zone");
      }
    }
    boolean wholeDays = Boolean.TRUE.equals(allDay);
    String start = null;
    String end = null;
    if (startsAt != null) {
      Instant from = instant("startsAt", startsAt, wholeDays, zone);
      Instant to =
          endsAt == null || endsAt.isBlank()
              ? GoogleDates.requireInRange("startsAt", from.plusSeconds(wholeDays ? 86_400 : 3_600))
              : instant("endsAt", endsAt, wholeDays, zone);
      if (!to.isAfter(from)) {
        throw invalid("endsAt must be after startsAt");
      }
      start = wholeDays ? date(from) : from.toString();
      end = wholeDays ? date(to) : to.toString();
    } else if (endsAt != null) {
      throw invalid("endsAt needs startsAt");
    }
    return new EventDetails(
        validTitle,
        zone == null ? null : zone.getId(),
        allDay == null ? null : wholeDays,
        start,
        end,
        location == null ? null : TextRules.oneLine("location", location, 1024),
        description == null ? null : TextRules.freeText("description", description, 8192),
        validAttendees(),
        recurrence == null ? null : RecurrenceLines.validate(recurrence));
  }

  private @Nullable List<String> validAttendees() {
    if (attendees == null) {
      return null;
    }
    if (attendees.size() > 100) {
      throw invalid("at most 100 attendees");
    }
    for (String attendee : attendees) {
      if (attendee == null
          || attendee.trim().length() > 254
          || !EMAIL.matcher(attendee.trim()).matches()) {
        throw invalid("attendees has an invalid email address");
      }
    }
    return attendees.stream().map(String::trim).toList();
  }

  static String calendarId(@Nullable String calendarId) {
    if (calendarId == null || calendarId.isBlank()) {
      return "primary";
    }
    String id = calendarId.trim();
    if (id.length() > 254 || id.contains("/") || id.contains("?") || !TextRules.isOneLine(id)) {
      throw invalid("calendarId is invalid");
    }
    return id;
  }

  private static Instant instant(
      String field, String value, boolean wholeDay, @Nullable ZoneId zone) {
    String text = value.trim();
    try {
      if (wholeDay) {
        return GoogleDates.requireInRange(
            field,
            LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant());
      }
      try {
        return GoogleDates.requireInRange(field, OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e) {
        if (zone == null) {
          throw invalid(field + " needs an offset (e.g. 2026-01-05T09:00:00+01:00) or a timezone");
        }
        return GoogleDates.requireInRange(
            field, LocalDateTime.parse(text).atZone(zone).toInstant());
      }
    } catch (DateTimeException e) {
      throw invalid(field + " is not an ISO-8601 date-time");
    }
  }

  private static String date(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  static InvalidInputException invalid(String message) {
    return new InvalidInputException(message);
  }

  /** Google's event (or, for an update, just the changed fields) from a stored payload. */
  static Event event(EventDetails details) {
    Event event = new Event();
    if (details.title() != null) {
      event.setSummary(details.title());
    }
    String zone = details.timezone();
    boolean wholeDays = Boolean.TRUE.equals(details.allDay());
    if (details.startsAt() != null && details.endsAt() != null) {
      event.setStart(when(details.startsAt(), wholeDays, zone));
      event.setEnd(when(details.endsAt(), wholeDays, zone));
    }
    if (details.location() != null) {
      event.setLocation(details.location());
    }
    if (details.description() != null) {
      event.setDescription(details.description());
    }
    if (details.attendees() != null) {
      List<EventAttendee> attendees = new ArrayList<>();
      for (String email : details.attendees()) {
        attendees.add(new EventAttendee().setEmail(email));
      }
      event.setAttendees(attendees);
    }
    if (details.recurrence() != null) {
      event.setRecurrence(details.recurrence());
      if (zone == null && !wholeDays && details.startsAt() != null) {
        // Google wants a zone on recurring timed events.
        event.getStart().setTimeZone("UTC");
        event.getEnd().setTimeZone("UTC");
      }
    }
    return event;
  }

  private static EventDateTime when(String value, boolean wholeDay, @Nullable String zone) {
    EventDateTime when = new EventDateTime();
    if (wholeDay) {
      when.setDate(DateTime.parseRfc3339(value));
    } else {
      when.setDateTime(DateTime.parseRfc3339(value));
    }
    if (zone != null) {
      when.setTimeZone(zone);
    }
    return when;
  }
}
