package theo.emulator.calendar;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.regex.Pattern;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;

/**
 * Event times as Google reads and writes them: a {@code dateTime} without offset is local time in
 * its {@code timeZone} (and refused without one), {@code timeMin}/{@code timeMax} need an offset,
 * and answers carry times in the requested (or the calendar's) zone without fractional seconds.
 */
final class EventTimes {
  private static final Pattern OFFSET = Pattern.compile("(?i).*(z|[+-]\\d{2}:\\d{2})$");

  /** Google's client writes milliseconds; Google's answers stop at the seconds. */
  private static final Pattern MILLIS_OF_DATE_TIME =
      Pattern.compile("(\"dateTime\":\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\.\\d+");

  private EventTimes() {}

  /** The request's event body with offset-less times read in their own time zone. */
  static Event read(Request request) {
    Event event = request.json(Event.class);
    Map<String, Object> raw = request.jsonObject();
    readLocal(raw.get("start"), event.getStart(), "start");
    readLocal(raw.get("end"), event.getEnd(), "end");
    return event;
  }

  private static void readLocal(Object raw, EventDateTime time, String which) {
    if (!(raw instanceof Map<?, ?> fields) || !(fields.get("dateTime") instanceof String text)) {
      return;
    }
    if (OFFSET.matcher(text).matches()) {
      return;
    }
    if (!(fields.get("timeZone") instanceof String zoneName)) {
      throw GoogleErrors.apiException(
          400, "required", "Missing time zone definition for " + which + " time.");
    }
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw GoogleErrors.apiException(
          400, "invalid", "Invalid time zone definition for " + which + " time.");
    }
    try {
      Instant at = LocalDateTime.parse(text).atZone(zone).toInstant();
      time.setDateTime(new DateTime(Date.from(at), TimeZone.getTimeZone(zone)));
    } catch (DateTimeParseException e) {
      throw GoogleErrors.apiException(400, "invalid", "Invalid value for: " + text);
    }
  }

  /**
   * A {@code timeMin}/{@code timeMax}-style parameter: RFC 3339 with a mandatory offset, as
   * Google's discovery document says; anything else answers Google's bare 400.
   */
  static Instant parameter(Request request, String name) {
    Optional<String> value = request.query(name);
    if (value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.get()).toInstant();
    } catch (DateTimeParseException e) {
      throw GoogleErrors.apiException(400, "badRequest", "Bad Request");
    }
  }

  /** The zone answers are written in: the {@code timeZone} parameter, else the calendar's. */
  static ZoneId answerZone(Request request, ZoneId calendarZone) {
    Optional<String> name = request.query("timeZone");
    if (name.isEmpty()) {
      return calendarZone;
    }
    try {
      return ZoneId.of(name.get());
    } catch (DateTimeException e) {
      throw GoogleErrors.apiException(400, "invalid", "Invalid time zone: " + name.get());
    }
  }

  /** Writes the event's timed start, end and original start at {@code zone}'s offset. */
  static Event inZone(Event event, ZoneId zone) {
    TimeZone timeZone = TimeZone.getTimeZone(zone);
    for (EventDateTime time :
        new EventDateTime[] {event.getStart(), event.getEnd(), event.getOriginalStartTime()}) {
      if (time != null && time.getDateTime() != null) {
        time.setDateTime(new DateTime(new Date(time.getDateTime().getValue()), timeZone));
      }
    }
    return event;
  }

  static Events inZone(Events page, ZoneId zone) {
    if (page.getItems() != null) {
      page.getItems().forEach(event -> inZone(event, zone));
    }
    return page;
  }

  /** Serialises an answer with Google's JSON factory, its event times without milliseconds. */
  static Response json(GenericJson model) {
    try {
      String json = GsonFactory.getDefaultInstance().toString(model);
      // in compact JSON a quote inside a string value is escaped, so only real keys match
      String trimmed = MILLIS_OF_DATE_TIME.matcher(json).replaceAll("$1");
      return Response.bytes(200, Response.JSON, trimmed.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
