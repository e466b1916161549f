package theo.emulator.calendar;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import theo.emulator.EmulatorContext;
import theo.emulator.calendar.CalendarStore.AccountCalendars;
import theo.emulator.calendar.CalendarStore.Entry;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;

/**
 * The calendar part of the admin API under {@code /emulator/accounts/{email}/calendar/...}:
 * generate data, create, move and cancel events "from Google's side", invalidate sync tokens and
 * summarise what a client should have stored.
 */
final class CalendarAdmin {
  private static final String BASE = "/emulator/accounts/{email}/calendar";

  private final EmulatorContext context;
  private final CalendarStore store;
  private final List<Map<String, Object>> notifications;

  CalendarAdmin(
      EmulatorContext context, CalendarStore store, List<Map<String, Object>> notifications) {
    this.context = context;
    this.store = store;
    this.notifications = notifications;
  }

  void register(Router router) {
    router
        .post(BASE + "/generate", request -> locked(request, this::generate))
        .post(BASE + "/events", request -> locked(request, this::createEvent))
        .post(BASE + "/events/{eventId}/move", request -> locked(request, this::move))
        .post(BASE + "/events/{eventId}/cancel", request -> locked(request, this::cancel))
        .post(BASE + "/sync-tokens/invalidate", request -> locked(request, this::invalidate))
        .get(BASE + "/summary", request -> locked(request, this::summary))
        .get(BASE + "/notifications", request -> locked(request, this::notifications));
  }

  @FunctionalInterface
  private interface AdminCall {
    Response handle(Request request, AccountCalendars account);
  }

  private Response locked(Request request, AdminCall call) {
    synchronized (store) {
      AccountCalendars account =
          store
              .account(request.pathVariable("email"))
              .orElseThrow(
                  () ->
                      GoogleErrors.apiException(
                          404, "notFound", "No account " + request.pathVariable("email")));
      return call.handle(request, account);
    }
  }

  private Response generate(Request request, AccountCalendars account) {
    Map<String, Object> body = request.jsonObject();
    int calendars = integer(body, "calendars", 5, 1, 200);
    int eventsPerCalendar = integer(body, "eventsPerCalendar", 200, 0, 50_000);
    long seed = integer(body, "seed", 42, Integer.MIN_VALUE, Integer.MAX_VALUE);
    long started = System.nanoTime();
    List<Map<String, Object>> generated =
        store.quietly(
            () ->
                new CalendarGenerator(store, seed).generate(account, calendars, eventsPerCalendar));
    long total =
        generated.stream().mapToLong(item -> ((Number) item.get("events")).longValue()).sum();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("seed", seed);
    result.put("calendars", generated);
    result.put("events", total);
    result.put("millis", (System.nanoTime() - started) / 1_000_000);
    context.stats().add("calendar.generatedEvents", total);
    return Response.json(200, result);
  }

  private Response createEvent(Request request, AccountCalendars account) {
    Map<String, Object> body = request.jsonObject();
    Entry entry = account.require(string(body, "calendarId", "primary"));
    boolean allDay = Boolean.TRUE.equals(body.get("allDay"));
    String zoneName = string(body, "timeZone", null);
    ZoneId zone = zoneName == null ? entry.calendar.zone : zone(zoneName);
    Event event = new Event();
    event.setSummary(string(body, "summary", "(No title)"));
    event.setDescription(string(body, "description", null));
    event.setLocation(string(body, "location", null));
    event.setStart(when(required(body, "start"), allDay, zone, zoneName != null));
    event.setEnd(when(required(body, "end"), allDay, zone, zoneName != null));
    Object recurrence = body.get("recurrence");
    if (recurrence instanceof String line) {
      event.setRecurrence(List.of(line));
    } else if (recurrence instanceof List<?> lines) {
      event.setRecurrence(lines.stream().map(String::valueOf).toList());
    }
    if (event.getRecurrence() != null && event.getStart().getDateTime() != null) {
      // Google insists on a zone for recurring timed events; admins get the calendar's
      event.getStart().setTimeZone(zone.getId());
      event.getEnd().setTimeZone(zone.getId());
    }
    if (body.get("attendees") instanceof List<?> attendees) {
      List<EventAttendee> list = new ArrayList<>();
      for (Object attendee : attendees) {
        if (attendee instanceof String email) {
          list.add(new EventAttendee().setEmail(email));
        } else if (attendee instanceof Map<?, ?> map) {
          list.add(
              new EventAttendee()
                  .setEmail(String.valueOf(map.get("email")))
                  .setDisplayName((String) map.get("displayName"))
                  .setResponseStatus((String) map.get("responseStatus")));
        }
      }
      event.setAttendees(list);
    }
    StoredEvent stored = store.insert(entry.calendar, event, account.account.email());
    return Response.json(stored.event().clone());
  }

  private Response move(Request request, AccountCalendars account) {
    Map<String, Object> body = request.jsonObject();
    Entry entry = account.require(string(body, "calendarId", "primary"));
    String eventId = request.pathVariable("eventId");
    StoredEvent target = store.writable(entry.calendar, eventId);
    EventDateTime currentStart = target.event().getStart();
    boolean allDay = target.allDay();
    String zoneName = currentStart == null ? null : currentStart.getTimeZone();
    ZoneId zone = zoneName == null ? entry.calendar.zone : zone(zoneName);
    Event patch = new Event();
    patch.setStart(when(required(body, "start"), allDay, zone, zoneName != null));
    patch.setEnd(when(required(body, "end"), allDay, zone, zoneName != null));
    return Response.json(store.patch(entry.calendar, eventId, patch).event().clone());
  }

  private Response cancel(Request request, AccountCalendars account) {
    Map<String, Object> body = request.jsonObject();
    Entry entry = account.require(string(body, "calendarId", "primary"));
    return Response.json(
        store.delete(entry.calendar, request.pathVariable("eventId")).event().clone());
  }

  private Response invalidate(Request request, AccountCalendars account) {
    String calendarId =
        request.bodyAsString().isBlank() ? null : string(request.jsonObject(), "calendarId", null);
    account.invalidate(calendarId);
    context.stats().increment("calendar.syncTokensInvalidated");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("invalidated", calendarId == null ? "all" : account.require(calendarId).calendar.id);
    return Response.json(200, result);
  }

  private Response summary(Request request, AccountCalendars account) {
    Instant timeMin = instantParam(request, "timeMin");
    Instant timeMax = instantParam(request, "timeMax");
    List<Map<String, Object>> calendars = new ArrayList<>();
    for (Entry entry : account.list()) {
      long events =
          EventListing.all(entry.calendar, query(timeMin, timeMax, false), store.now()).stream()
              .filter(event -> !"cancelled".equals(event.getStatus()))
              .count();
      int instances =
          EventListing.count(entry.calendar, query(timeMin, timeMax, true), store.now());
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", entry.calendar.id);
      item.put("summary", entry.calendar.summary);
      item.put("accessRole", entry.accessRole);
      item.put("events", events);
      item.put("instances", instances);
      calendars.add(item);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("calendars", calendars);
    return Response.json(200, result);
  }

  private Response notifications(Request request, AccountCalendars account) {
    List<Map<String, Object>> mine = new ArrayList<>();
    for (Map<String, Object> notification : notifications) {
      if (account.entries.containsKey((String) notification.get("calendarId"))) {
        mine.add(notification);
      }
    }
    return Response.json(200, Map.of("notifications", mine));
  }

  private static EventListing.Query query(Instant timeMin, Instant timeMax, boolean single) {
    return new EventListing.Query(
        timeMin, timeMax, single, false, false, null, null, null, null, List.of(), List.of(), null,
        null, null);
  }

  /** An ISO-8601 instant or offset date-time, or a date (for all-day events). */
  private static EventDateTime when(String value, boolean allDay, ZoneId zone, boolean withZone) {
    EventDateTime result = new EventDateTime();
    try {
      if (value.length() == 10) {
        LocalDate date = LocalDate.parse(value);
        if (allDay) {
          return result.setDate(new DateTime(date.toString()));
        }
        Instant at = date.atStartOfDay(zone).toInstant();
        result.setDateTime(new DateTime(Date.from(at), TimeZone.getTimeZone(zone)));
      } else {
        Instant at = OffsetDateTime.parse(value).toInstant();
        if (allDay) {
          return result.setDate(new DateTime(at.atZone(zone).toLocalDate().toString()));
        }
        result.setDateTime(new DateTime(Date.from(at), TimeZone.getTimeZone(zone)));
      }
    } catch (DateTimeParseException e) {
      throw GoogleErrors.apiException(400, "invalid", "Invalid date or date-time: " + value);
    }
    if (withZone) {
      result.setTimeZone(zone.getId());
    }
    return result;
  }

  private static ZoneId zone(String name) {
    try {
      return ZoneId.of(name);
    } catch (RuntimeException e) {
      throw GoogleErrors.apiException(400, "invalid", "Unknown time zone " + name);
    }
  }

  private static Instant instantParam(Request request, String name) {
    return request
        .query(name)
        .map(
            value -> {
              try {
                return OffsetDateTime.parse(value).toInstant();
              } catch (DateTimeParseException e) {
                throw GoogleErrors.apiException(400, "invalid", "Invalid " + name + ": " + value);
              }
            })
        .orElse(null);
  }

  private static String required(Map<String, Object> body, String name) {
    String value = string(body, name, null);
    if (value == null) {
      throw GoogleErrors.apiException(400, "required", name + " is required");
    }
    return value;
  }

  private static String string(Map<String, Object> body, String name, String fallback) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof String text) {
      return text;
    }
    throw GoogleErrors.apiException(400, "invalid", name + " must be a string");
  }

  private static int integer(
      Map<String, Object> body, String name, int fallback, int min, int max) {
    Object value = body.get(name);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number
        && number.doubleValue() == Math.rint(number.doubleValue())
        && number.doubleValue() >= min
        && number.doubleValue() <= max) {
      return number.intValue();
    }
    throw GoogleErrors.apiException(
        400, "invalid", name + " must be an integer between " + min + " and " + max);
  }
}
