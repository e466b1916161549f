package theo.emulator.calendar;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.TreeSet;
import theo.emulator.calendar.CalendarStore.AccountCalendars;
import theo.emulator.calendar.CalendarStore.CalendarData;
import theo.emulator.calendar.CalendarStore.Entry;

/**
 * Fills an account with deterministic calendars and events from a seed: the primary calendar,
 * owned, shared and subscribed ones, and events from 60 days back to 400 days ahead (timed,
 * all-day, multi-day, recurring with moved and cancelled instances and EXDATEs, attendees, zones).
 */
final class CalendarGenerator {
  private static final List<String> ZONES =
      List.of(
          "UTC",
          "Europe/Berlin",
          "America/New_York",
          "Asia/Tokyo",
          "America/Los_Angeles",
          "Europe/London",
          "Australia/Sydney");
  private static final List<String> TOPICS =
      List.of(
          "Standup",
          "1:1",
          "Design review",
          "Lunch",
          "Sprint planning",
          "Retro",
          "Dentist",
          "Gym",
          "Flight",
          "Workshop",
          "Interview",
          "Demo",
          "Budget review",
          "Coffee chat",
          "Customer call",
          "Offsite",
          "Yoga",
          "Board meeting");
  private static final List<String> PEOPLE =
      List.of(
          "carol@example.com",
          "dave@example.com",
          "erin@example.org",
          "frank@partner.example.net",
          "grace@example.com",
          "heidi@example.org",
          "ivan@example.com",
          "judy@vendor.example.net");
  private static final List<String> PLACES =
      List.of(
          "Room 4.01",
          "Main office, Berlin",
          "https://meet.example.com/abc-defg-hij",
          "Cafe Central",
          "Terminal 2",
          "Zoom");
  private static final List<String> HOLIDAYS =
      List.of(
          "New Year's Day",
          "Labour Day",
          "Independence Day",
          "Thanksgiving",
          "Christmas Day",
          "Boxing Day",
          "Easter Monday",
          "Memorial Day");
  private static final String[] RESPONSES = {"needsAction", "accepted", "declined", "tentative"};
  private static final DateTimeFormatter UNTIL =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final CalendarStore store;
  private final long seed;
  private final Random random;

  CalendarGenerator(CalendarStore store, long seed) {
    this.store = store;
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** Replaces the account's calendars; every sync token of the account answers 410 afterwards. */
  List<Map<String, Object>> generate(
      AccountCalendars account, int calendars, int eventsPerCalendar) {
    String email = account.account.email();
    for (String id : new ArrayList<>(account.entries.keySet())) {
      if (!account.entries.get(id).primary) {
        account.entries.remove(id);
        store.forgetCalendar(id);
      }
    }
    Entry primary = account.find("primary").orElseThrow();
    primary.calendar.events.clear();
    primary.calendar.bump(store.now());
    account.invalidate(null);
    account.bumpList();

    LocalDate today = store.now().atZone(ZoneOffset.UTC).toLocalDate();
    String tag = Integer.toHexString((email + "/" + seed).hashCode());
    List<Map<String, Object>> result = new ArrayList<>();
    for (int index = 0; index < calendars; index++) {
      Entry entry = index == 0 ? primary : addCalendar(account, index, tag);
      boolean holidays = entry.calendar.id.contains("#holiday");
      int count = 0;
      for (int n = 0; n < eventsPerCalendar; n++) {
        count +=
            holidays ? holiday(entry.calendar, today, email) : event(entry.calendar, today, email);
      }
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", entry.calendar.id);
      item.put("summary", entry.calendar.summary);
      item.put("accessRole", entry.accessRole);
      item.put("timeZone", entry.calendar.timeZone);
      item.put("events", entry.calendar.events.size());
      result.add(item);
    }
    return result;
  }

  private Entry addCalendar(AccountCalendars account, int index, String tag) {
    String role;
    String summary;
    String id;
    boolean hidden = false;
    switch (index) {
      case 1 -> {
        role = "reader";
        summary = "Holidays";
        id = "en.usa." + tag + "#holiday@group.v.calendar.google.com";
      }
      case 2 -> {
        role = "writer";
        summary = "Team calendar";
        id = "c_" + tag + "team@group.calendar.google.com";
      }
      case 3 -> {
        role = "freeBusyReader";
        summary = "Colleague (free/busy)";
        id = "colleague." + tag + "@example.com";
      }
      case 4 -> {
        role = "reader";
        summary = "Old project (hidden)";
        id = "c_" + tag + "old@group.calendar.google.com";
        hidden = true;
      }
      default -> {
        role = List.of("owner", "writer", "reader").get((index - 5) % 3);
        summary = (role.equals("owner") ? "Personal " : "Shared ") + index;
        id = "c_" + tag + "n" + index + "@group.calendar.google.com";
      }
    }
    CalendarData calendar =
        store.calendar(id, summary, index == 1 ? "UTC" : ZONES.get(index % ZONES.size()));
    calendar.events.clear();
    calendar.bump(store.now());
    Entry entry =
        account.add(
            calendar, role, false, String.format(Locale.ROOT, "#%06x", random.nextInt(0xffffff)));
    entry.hidden = hidden;
    return entry;
  }

  private int holiday(CalendarData calendar, LocalDate today, String email) {
    LocalDate date = today.plusDays(random.nextInt(461) - 60);
    Event event =
        new Event()
            .setId(id())
            .setSummary(HOLIDAYS.get(random.nextInt(HOLIDAYS.size())))
            .setTransparency("transparent")
            .setStart(new EventDateTime().setDate(new DateTime(date.toString())))
            .setEnd(new EventDateTime().setDate(new DateTime(date.plusDays(1).toString())));
    store.insert(calendar, event, email);
    return 1;
  }

  private int event(CalendarData calendar, LocalDate today, String email) {
    int kind = random.nextInt(100);
    LocalDate day = today.plusDays(random.nextInt(461) - 60);
    ZoneId zone =
        random.nextInt(10) < 7 ? calendar.zone : ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
    LocalDateTime start = day.atTime(7 + random.nextInt(12), 15 * random.nextInt(4));
    int minutes = List.of(30, 45, 60, 90, 120).get(random.nextInt(5));
    Event event = new Event().setId(id()).setSummary(summary());
    if (random.nextInt(10) < 3) {
      event.setLocation(PLACES.get(random.nextInt(PLACES.size())));
    }
    if (random.nextInt(10) < 3) {
      event.setDescription("Agenda: " + summary().toLowerCase(Locale.ROOT) + " and follow-ups.");
    }
    if (kind < 55) {
      timed(event, start, start.plusMinutes(minutes), zone, false);
      attendees(event, email);
    } else if (kind < 70) {
      allDay(event, day, day.plusDays(1));
    } else if (kind < 75) {
      allDay(event, day, day.plusDays(2 + random.nextInt(4)));
    } else if (kind < 80) {
      timed(event, start, start.plusDays(1 + random.nextInt(3)), zone, false);
    } else if (kind < 98) {
      return recurring(calendar, event, kind, start, minutes, zone, email);
    } else {
      allDay(event, day, day.plusDays(1));
      event.setSummary("Birthday: " + PEOPLE.get(random.nextInt(PEOPLE.size())));
      event.setRecurrence(List.of("RRULE:FREQ=YEARLY"));
    }
    store.insert(calendar, event, email);
    return 1;
  }

  private int recurring(
      CalendarData calendar,
      Event event,
      int kind,
      LocalDateTime start,
      int minutes,
      ZoneId zone,
      String email) {
    String rule;
    if (kind < 90) {
      TreeSet<DayOfWeek> days = new TreeSet<>();
      days.add(start.getDayOfWeek());
      for (int extra = random.nextInt(3); extra > 0; extra--) {
        days.add(DayOfWeek.of(1 + random.nextInt(5)));
      }
      rule =
          "RRULE:FREQ=WEEKLY"
              + (random.nextInt(5) == 0 ? ";INTERVAL=2" : "")
              + ";BYDAY="
              + String.join(",", days.stream().map(day -> day.name().substring(0, 2)).toList());
    } else if (kind < 95) {
      rule = "RRULE:FREQ=DAILY";
    } else {
      rule =
          random.nextBoolean()
              ? "RRULE:FREQ=MONTHLY;BYDAY=" + (1 + random.nextInt(4)) + weekday(start)
              : "RRULE:FREQ=MONTHLY";
    }
    int ending = random.nextInt(10);
    if (ending < 5) {
      rule += ";COUNT=" + (5 + random.nextInt(26));
    } else if (ending < 8) {
      Instant until = start.plusDays(30 + random.nextInt(170)).atZone(zone).toInstant();
      rule += ";UNTIL=" + UNTIL.format(until);
    }
    List<String> recurrence = new ArrayList<>(List.of(rule));
    timed(event, start, start.plusMinutes(minutes), zone, true);
    event.setRecurrence(recurrence);
    attendees(event, email);
    StoredEvent master = store.insert(calendar, event, email);
    List<StoredEvent.Occurrence> first = new ArrayList<>();
    master.occurrences(
        null,
        master.start().plus(EventListing.HORIZON),
        occurrence -> {
          first.add(occurrence);
          return first.size() < 4;
        });
    int created = 1;
    if (first.size() >= 4 && random.nextInt(4) == 0) {
      // an EXDATE removes the fourth occurrence
      Event exdated = master.event().clone();
      List<String> lines = new ArrayList<>(exdated.getRecurrence());
      lines.add(
          "EXDATE;TZID="
              + zone.getId()
              + ":"
              + first.get(3).local().format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));
      store.patch(calendar, master.id(), new Event().setRecurrence(lines));
    }
    if (first.size() >= 2 && random.nextInt(4) == 0) {
      StoredEvent.Occurrence moved = first.get(1);
      LocalDateTime newStart = moved.local().plusHours(1 + random.nextInt(3));
      Event patch = new Event().setSummary(event.getSummary() + " (moved)");
      timed(patch, newStart, newStart.plusMinutes(minutes), zone, true);
      store.patch(calendar, moved.instanceId(), patch);
      created++;
    }
    if (first.size() >= 3 && random.nextInt(4) == 0) {
      store.delete(calendar, first.get(2).instanceId());
      created++;
    }
    return created;
  }

  private void attendees(Event event, String email) {
    if (random.nextInt(10) >= 4) {
      return;
    }
    List<EventAttendee> attendees = new ArrayList<>();
    attendees.add(new EventAttendee().setEmail(email).setResponseStatus("accepted"));
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      String person = PEOPLE.get(random.nextInt(PEOPLE.size()));
      if (attendees.stream().noneMatch(attendee -> attendee.getEmail().equals(person))) {
        attendees.add(
            new EventAttendee()
                .setEmail(person)
                .setResponseStatus(RESPONSES[random.nextInt(RESPONSES.length)]));
      }
    }
    event.setAttendees(attendees);
  }

  private static void timed(
      Event event, LocalDateTime start, LocalDateTime end, ZoneId zone, boolean withZone) {
    event.setStart(dateTime(start, zone, withZone));
    event.setEnd(dateTime(end, zone, withZone));
  }

  private static EventDateTime dateTime(LocalDateTime local, ZoneId zone, boolean withZone) {
    Instant at = local.atZone(zone).toInstant();
    EventDateTime value =
        new EventDateTime().setDateTime(new DateTime(Date.from(at), TimeZone.getTimeZone(zone)));
    return withZone ? value.setTimeZone(zone.getId()) : value;
  }

  private static void allDay(Event event, LocalDate start, LocalDate end) {
    event.setStart(new EventDateTime().setDate(new DateTime(start.toString())));
    event.setEnd(new EventDateTime().setDate(new DateTime(end.toString())));
  }

  private String summary() {
    String topic = TOPICS.get(random.nextInt(TOPICS.size()));
    return random.nextInt(3) == 0
        ? topic + " with " + PEOPLE.get(random.nextInt(PEOPLE.size())).split("@")[0]
        : topic;
  }

  private static String weekday(LocalDateTime start) {
    return start.getDayOfWeek().name().substring(0, 2);
  }

  private String id() {
    return CalendarStore.randomId(random);
  }
}
