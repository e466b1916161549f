package theo.emulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.emulator.calendar.CalendarTestSupport.ALICE;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalendarGeneratorTests {

  @Test
  void generateWhenSameSeedThenSameCalendarsAndEvents() throws IOException {
    List<String> first;
    List<String> second;
    List<String> other;
    try (CalendarTestSupport support = new CalendarTestSupport()) {
      first = generateAndDescribe(support, 42);
    }
    try (CalendarTestSupport support = new CalendarTestSupport()) {
      second = generateAndDescribe(support, 42);
    }
    try (CalendarTestSupport support = new CalendarTestSupport()) {
      other = generateAndDescribe(support, 43);
    }

    assertThat(first).hasSizeGreaterThan(100).isEqualTo(second);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void generateWhenTwentyCalendarsOfTwoThousandEventsThenFastAndRich() throws IOException {
    try (CalendarTestSupport support = new CalendarTestSupport()) {
      long started = System.nanoTime();
      CalendarTestSupport.Answer answer =
          support.admin(
              "/emulator/accounts/" + ALICE + "/calendar/generate",
              Map.of("calendars", 20, "eventsPerCalendar", 2000, "seed", 5));
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertThat(answer.status()).isEqualTo(200);
      assertThat(((Number) answer.json().get("events")).longValue()).isGreaterThanOrEqualTo(40_000);
      assertThat(millis).isLessThan(20_000);
      System.out.println("Generated 20 x 2000 events in " + millis + " ms");

      Calendar alice = support.alice();
      List<Event> primary = listAll(alice, "primary", false);
      assertThat(primary).anyMatch(e -> e.getRecurrence() != null);
      assertThat(primary).anyMatch(e -> e.getStart() != null && e.getStart().getDate() != null);
      assertThat(primary)
          .anyMatch(e -> e.getRecurringEventId() != null && "cancelled".equals(e.getStatus()));
      assertThat(primary)
          .anyMatch(e -> e.getRecurringEventId() != null && "confirmed".equals(e.getStatus()));
      assertThat(primary).anyMatch(e -> e.getAttendees() != null);
      assertThat(primary)
          .anyMatch(
              e ->
                  e.getRecurrence() != null
                      && e.getRecurrence().stream().anyMatch(l -> l.startsWith("EXDATE")));
      started = System.nanoTime();
      List<Event> expanded = listAll(alice, "primary", true);
      System.out.println(
          "Expanded primary into "
              + expanded.size()
              + " instances in "
              + (System.nanoTime() - started) / 1_000_000
              + " ms");
      assertThat(expanded.size()).isGreaterThan(primary.size());
    }
  }

  private static List<String> generateAndDescribe(CalendarTestSupport support, int seed)
      throws IOException {
    assertThat(
            support
                .admin(
                    "/emulator/accounts/" + ALICE + "/calendar/generate",
                    Map.of("calendars", 4, "eventsPerCalendar", 60, "seed", seed))
                .status())
        .isEqualTo(200);
    Calendar alice = support.alice();
    List<String> description = new ArrayList<>();
    for (var entry : alice.calendarList().list().setShowHidden(true).execute().getItems()) {
      description.add(entry.getId() + " " + entry.getAccessRole() + " " + entry.getTimeZone());
      for (Event event : listAll(alice, entry.getId(), true)) {
        description.add(event.getId() + " " + event.getSummary() + " " + event.getStart());
      }
    }
    return description;
  }

  private static List<Event> listAll(Calendar client, String calendarId, boolean single)
      throws IOException {
    List<Event> events = new ArrayList<>();
    String pageToken = null;
    do {
      Events page =
          client
              .events()
              .list(calendarId)
              .setSingleEvents(single)
              .setMaxResults(2500)
              .setPageToken(pageToken)
              .execute();
      events.addAll(page.getItems());
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    return events;
  }
}
