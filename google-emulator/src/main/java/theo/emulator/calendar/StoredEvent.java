package theo.emulator.calendar;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import java.util.function.Predicate;
import theo.emulator.http.GoogleErrors;

/**
 * One event resource of a calendar (a single event, a recurring series or an exception of one) with
 * the change sequence that sync tokens compare against and its times resolved to instants.
 */
final class StoredEvent {
  private static final DateTimeFormatter UTC_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE_STAMP = DateTimeFormatter.BASIC_ISO_DATE;

  private Event event;
  private long changeSeq;
  private boolean allDay;
  private ZoneId zone;
  private LocalDateTime localStart;
  private Instant start;
  private Instant end;
  private Recurrence recurrence;

  StoredEvent(Event event, long changeSeq, ZoneId calendarZone) {
    replace(event, changeSeq, calendarZone);
  }

  /** Swaps in a new version of the resource; its times must have been validated. */
  void replace(Event newEvent, long newChangeSeq, ZoneId calendarZone) {
    this.event = newEvent;
    this.changeSeq = newChangeSeq;
    EventDateTime startTime = newEvent.getStart();
    EventDateTime endTime = newEvent.getEnd();
    if (startTime == null) {
      // cancelled exceptions may only know their original start
      startTime = newEvent.getOriginalStartTime();
      endTime = startTime;
    }
    if (startTime == null) {
      allDay = false;
      zone = calendarZone;
      start = Instant.EPOCH;
      end = Instant.EPOCH;
      localStart = LocalDateTime.ofInstant(start, zone);
      recurrence = null;
      return;
    }
    allDay = startTime.getDate() != null;
    zone = zoneOf(startTime, calendarZone);
    start = instant(startTime, zone);
    end = endTime == null ? start : instant(endTime, zone);
    localStart = LocalDateTime.ofInstant(start, zone);
    recurrence =
        newEvent.getRecurrence() == null || newEvent.getRecurrence().isEmpty()
            ? null
            : Recurrence.parse(newEvent.getRecurrence(), localStart, zone, allDay);
  }

  Event event() {
    return event;
  }

  String id() {
    return event.getId();
  }

  long changeSeq() {
    return changeSeq;
  }

  boolean cancelled() {
    return "cancelled".equals(event.getStatus());
  }

  boolean recurring() {
    return recurrence != null;
  }

  /** An exception (moved, changed or cancelled instance) of a recurring series. */
  boolean exception() {
    return event.getRecurringEventId() != null;
  }

  boolean allDay() {
    return allDay;
  }

  Instant start() {
    return start;
  }

  Instant end() {
    return end;
  }

  Instant updated() {
    return event.getUpdated() == null
        ? Instant.EPOCH
        : Instant.ofEpochMilli(event.getUpdated().getValue());
  }

  boolean overlaps(Instant from, Instant to) {
    Instant effectiveEnd = end.equals(start) ? start.plusMillis(1) : end;
    return (from == null || effectiveEnd.isAfter(from)) && (to == null || start.isBefore(to));
  }

  /**
   * Occurrences of a recurring series overlapping {@code [from, to)}, in order, until {@code sink}
   * returns false; {@code to} must be finite (callers pass a horizon for open ranges).
   */
  void occurrences(Instant from, Instant to, Predicate<Occurrence> sink) {
    Duration duration = Duration.between(start, end);
    long days =
        java.time.temporal.ChronoUnit.DAYS.between(
            localStart.toLocalDate(), LocalDateTime.ofInstant(end, zone).toLocalDate());
    recurrence.forEach(
        to,
        local -> {
          Instant at = local.atZone(zone).toInstant();
          Instant occurrenceEnd =
              allDay ? local.plusDays(days).atZone(zone).toInstant() : at.plus(duration);
          Instant effectiveEnd = occurrenceEnd.equals(at) ? at.plusMillis(1) : occurrenceEnd;
          if (from != null && !effectiveEnd.isAfter(from)) {
            return true;
          }
          return sink.test(new Occurrence(instanceId(local, at), local, at, occurrenceEnd));
        });
  }

  /** Whether a non-recurring answer or any occurrence of a series overlaps the range. */
  boolean anyOverlap(Instant from, Instant to, Instant horizon) {
    if (recurrence == null) {
      return overlaps(from, to);
    }
    if (to == null && from == null) {
      return true;
    }
    boolean[] found = {false};
    occurrences(
        from,
        to != null ? to : (recurrence.bounded() ? Instant.parse("9999-12-31T00:00:00Z") : horizon),
        occurrence -> {
          found[0] = true;
          return false;
        });
    return found[0];
  }

  /** The occurrence with this instance id, if the series produces it. */
  Optional<Occurrence> occurrence(String instanceId) {
    if (recurrence == null || !instanceId.startsWith(id() + "_")) {
      return Optional.empty();
    }
    Instant stop;
    String stamp = instanceId.substring(id().length() + 1);
    try {
      stop =
          stamp.length() == 8
              ? LocalDate.parse(stamp, DATE_STAMP).plusDays(2).atStartOfDay(zone).toInstant()
              : Instant.from(UTC_STAMP.parse(stamp)).plusSeconds(1);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    Occurrence[] found = {null};
    occurrences(
        null,
        stop,
        occurrence -> {
          if (occurrence.instanceId().equals(instanceId)) {
            found[0] = occurrence;
            return false;
          }
          return true;
        });
    return Optional.ofNullable(found[0]);
  }

  /** The instance resource of one occurrence of this series, as events.instances answers it. */
  Event instance(Occurrence occurrence) {
    Event instance = event.clone();
    instance.setId(occurrence.instanceId());
    instance.setRecurrence(null);
    instance.setRecurringEventId(id());
    instance.setOriginalStartTime(dateTime(occurrence.start(), occurrence.local()));
    instance.setStart(dateTime(occurrence.start(), occurrence.local()));
    instance.setEnd(dateTime(occurrence.end(), LocalDateTime.ofInstant(occurrence.end(), zone)));
    return instance;
  }

  private EventDateTime dateTime(Instant at, LocalDateTime local) {
    EventDateTime value = new EventDateTime();
    if (allDay) {
      return value.setDate(new DateTime(local.toLocalDate().toString()));
    }
    value.setDateTime(new DateTime(Date.from(at), TimeZone.getTimeZone(zone)));
    if (event.getStart() != null && event.getStart().getTimeZone() != null) {
      value.setTimeZone(event.getStart().getTimeZone());
    }
    return value;
  }

  private String instanceId(LocalDateTime local, Instant at) {
    return id() + "_" + (allDay ? DATE_STAMP.format(local.toLocalDate()) : UTC_STAMP.format(at));
  }

  static ZoneId zoneOf(EventDateTime time, ZoneId fallback) {
    if (time.getTimeZone() == null) {
      return fallback;
    }
    try {
      return ZoneId.of(time.getTimeZone());
    } catch (RuntimeException e) {
      throw GoogleErrors.apiException(
          400, "invalid", "Invalid time zone definition for start time.");
    }
  }

  static Instant instant(EventDateTime time, ZoneId zone) {
    if (time.getDate() != null) {
      return LocalDate.parse(time.getDate().toStringRfc3339()).atStartOfDay(zone).toInstant();
    }
    return Instant.ofEpochMilli(time.getDateTime().getValue());
  }

  /** One occurrence of a series: its instance id and times. */
  record Occurrence(String instanceId, LocalDateTime local, Instant start, Instant end) {}
}
