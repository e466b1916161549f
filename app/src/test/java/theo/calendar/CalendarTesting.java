package theo.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import theo.calendar.CalendarRepository.EventQuery;
import theo.emulator.GoogleEmulator;

/** What the Calendar tests share: users with generated calendars, and exact comparisons. */
final class CalendarTesting {
  private static final AtomicInteger USERS = new AtomicInteger();

  private CalendarTesting() {}

  /** A new emulator account with generated calendars, signed in to Theo with Calendar scopes. */
  static GoogleUser userWithCalendars(
      GoogleEmulator emulator, int port, int calendars, int eventsPerCalendar)
      throws IOException, InterruptedException {
    String email = "cal" + USERS.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Calendar Tester");
    GoogleUser user =
        GoogleUser.connectCalendar("http://localhost:" + port, emulator.baseUrl(), email);
    user.admin(
        "POST",
        "calendar/generate",
        Map.of("calendars", calendars, "eventsPerCalendar", eventsPerCalendar, "seed", 7));
    return user;
  }

  /** Every stored event of a calendar. */
  static List<StoredEvent> stored(CalendarRepository calendars, UUID userId, String calendarId) {
    return calendars.events(
        userId, new EventQuery(calendarId, null, null, null, null, Integer.MAX_VALUE));
  }

  /**
   * Asserts that each selected calendar holds exactly what Google lists for its window (instances
   * of series expanded), field by field, and as many events as the emulator's own summary counts.
   */
  static void assertExact(CalendarRepository calendars, Calendar google, GoogleUser user)
      throws Exception {
    List<StoredCalendar> selected =
        calendars.calendars(user.userId).stream().filter(StoredCalendar::selected).toList();
    assertThat(selected).isNotEmpty();
    for (StoredCalendar calendar : selected) {
      assertThat(calendar.syncToken()).as("sync token of %s", calendar.id()).isNotNull();
      assertThat(calendar.pass()).as("no pass in progress on %s", calendar.id()).isNull();
      List<StoredEvent> expected = new ArrayList<>();
      String pageToken = null;
      do {
        Events page =
            google
                .events()
                .list(calendar.id())
                .setSingleEvents(true)
                .setTimeMin(new DateTime(calendar.windowStart().toEpochMilli()))
                .setTimeMax(new DateTime(calendar.windowEnd().toEpochMilli()))
                .setMaxResults(2500)
                .setPageToken(pageToken)
                .execute();
        for (Event event : page.getItems()) {
          expected.add(
              EventMapper.toStored(calendar.id(), event, EventMapper.zoneOf(calendar.timeZone())));
        }
        pageToken = page.getNextPageToken();
      } while (pageToken != null);
      assertThat(stored(calendars, user.userId, calendar.id()))
          .as("events of %s", calendar.id())
          .containsExactlyInAnyOrderElementsOf(expected);
      Map<?, ?> summary =
          user.admin(
              "GET",
              "calendar/summary?timeMin="
                  + calendar.windowStart()
                  + "&timeMax="
                  + calendar.windowEnd(),
              null);
      Map<String, Number> instances = new HashMap<>();
      for (Object item : (List<?>) summary.get("calendars")) {
        Map<?, ?> entry = (Map<?, ?>) item;
        instances.put((String) entry.get("id"), (Number) entry.get("instances"));
      }
      assertThat(expected).hasSize(instances.get(calendar.id()).intValue());
    }
  }
}
