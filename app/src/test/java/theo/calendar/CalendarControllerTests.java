package theo.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.calendar.CalendarTesting.stored;
import static theo.calendar.CalendarTesting.userWithCalendars;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.CheckedRun;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import theo.integration.spi.SyncType;

@TheoTest
class CalendarControllerTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired CalendarSyncEngine engine;
  @Autowired CalendarRepository calendars;

  @Test
  void calendarsWhenSyncedThenListsRolesColorsSelectionAndCounts() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 6, 40);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    List<Map<?, ?>> items = items(user.getJson("/api/integrations/calendar/calendars"));

    assertThat(items).hasSize(6);
    Map<?, ?> primary = items.get(0);
    assertThat(primary.get("primary")).isEqualTo(true);
    assertThat(primary.get("selected")).isEqualTo(true);
    assertThat(primary.get("accessRole")).isEqualTo("owner");
    assertThat((String) primary.get("backgroundColor")).startsWith("#");
    assertThat(primary.get("timeZone")).isNotNull();
    assertThat(((Number) primary.get("eventCount")).longValue())
        .isEqualTo(stored(calendars, user.userId, (String) primary.get("id")).size())
        .isPositive();
    assertThat(items)
        .extracting(item -> (Object) item.get("accessRole"))
        .contains("owner", "writer", "reader", "freeBusyReader");
    assertThat(items)
        .filteredOn(item -> !"owner".equals(item.get("accessRole")))
        .allSatisfy(
            item -> {
              assertThat(item.get("selected")).isEqualTo(false);
              assertThat(((Number) item.get("eventCount")).longValue()).isZero();
            });
  }

  @Test
  void selectWhenDeselectedThenEventsGoneAndWhenSelectedThenNextRunSyncsIt() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 3, 40);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    List<Map<?, ?>> items = items(user.getJson("/api/integrations/calendar/calendars"));
    String primary = (String) items.get(0).get("id");
    String holidays =
        (String)
            items.stream()
                .filter(item -> ((String) item.get("id")).contains("#holiday"))
                .findFirst()
                .orElseThrow()
                .get("id");

    HttpResponse<String> off = user.put(path(primary), "{\"selected\":false}");
    HttpResponse<String> on = user.put(path(holidays), "{\"selected\":true}");

    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    assertThat(GoogleUser.json(on.body())).isEqualTo(Map.of("id", holidays, "selected", true));
    assertThat(stored(calendars, user.userId, primary)).isEmpty();
    assertThat(calendars.calendar(user.userId, primary).orElseThrow().syncToken()).isNull();

    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    Map<?, ?> after =
        items(user.getJson("/api/integrations/calendar/calendars")).stream()
            .filter(item -> item.get("id").equals(holidays))
            .findFirst()
            .orElseThrow();
    assertThat(after.get("selected")).isEqualTo(true);
    assertThat(((Number) after.get("eventCount")).longValue()).isPositive();
    assertThat(stored(calendars, user.userId, primary)).isEmpty();
  }

  @Test
  void selectWhenBodyOrCalendarIsWrongThenJsonErrors() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 2, 5);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    HttpResponse<String> unknown = user.put(path("nope@example.com"), "{\"selected\":true}");
    HttpResponse<String> empty = user.put(path("primary"), "{}");
    HttpResponse<String> malformed = user.put(path("primary"), "{\"selected\":");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(code(unknown)).isEqualTo("CALENDAR_NOT_FOUND");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(code(empty)).isEqualTo("VALIDATION_FAILED");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(code(malformed)).isEqualTo("BAD_REQUEST");
  }

  @Test
  void eventsWhenPagedWithCursorThenEveryEventOnceInStartOrderAndTotalMatches() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 2, 60);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    List<String> expected =
        calendars
            .events(
                user.userId,
                new CalendarRepository.EventQuery(null, null, null, null, null, 100_000))
            .stream()
            .map(StoredEvent::id)
            .toList();
    assertThat(expected.size()).isGreaterThan(100);

    List<String> seen = new ArrayList<>();
    List<Instant> starts = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<?, ?> page =
          user.getJson(
              "/api/integrations/calendar/events?limit=40"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(((Number) page.get("total")).intValue()).isEqualTo(expected.size());
      for (Map<?, ?> item : items(page)) {
        seen.add((String) item.get("id"));
        starts.add(startOf(item));
      }
      cursor = (String) page.get("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(seen).isEqualTo(expected);
    assertThat(starts).isSorted();
    assertThat(pages).isEqualTo((expected.size() + 39) / 40);
  }

  @Test
  void eventsWhenFilteredThenOnlyMatchingEventsWithAllFields() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 2, 80);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    String primary = calendars.calendars(user.userId).get(0).id();
    Instant from = Instant.now().plusSeconds(86_400 * 10);
    Instant to = from.plusSeconds(86_400 * 30);

    Map<?, ?> inRange =
        user.getJson(
            "/api/integrations/calendar/events?limit=250&calendarId="
                + GoogleUser.encode(primary)
                + "&startDate="
                + from.toString().substring(0, 10)
                + "&endDate="
                + to.toString().substring(0, 10));
    Map<?, ?> searched = user.getJson("/api/integrations/calendar/events?limit=250&query=STANDUP");

    List<Map<?, ?>> ranged = items(inRange);
    assertThat(ranged).isNotEmpty();
    Instant dayStart = Instant.parse(from.toString().substring(0, 10) + "T00:00:00Z");
    Instant dayAfterEnd =
        Instant.parse(to.toString().substring(0, 10) + "T00:00:00Z").plusSeconds(86_400);
    assertThat(ranged)
        .allSatisfy(
            item -> {
              assertThat(item.get("calendarId")).isEqualTo(primary);
              assertThat(startOf(item)).isBefore(dayAfterEnd);
              assertThat(endOf(item)).isAfter(dayStart);
            });
    long expectedInRange =
        stored(calendars, user.userId, primary).stream()
            .filter(
                event -> event.startAt().isBefore(dayAfterEnd) && event.endAt().isAfter(dayStart))
            .count();
    assertThat(((Number) inRange.get("total")).longValue()).isEqualTo(expectedInRange);
    List<Map<?, ?>> found = items(searched);
    assertThat(found).isNotEmpty();
    assertThat(found)
        .allSatisfy(
            item ->
                assertThat(
                        (item.get("summary")
                                + " "
                                + item.get("description")
                                + " "
                                + item.get("location"))
                            .toLowerCase(Locale.ROOT))
                    .contains("standup"));
    Map<?, ?> first = ranged.get(0);
    assertThat(first.keySet().stream().map(String::valueOf).toList())
        .contains(
            "id",
            "calendarId",
            "summary",
            "description",
            "location",
            "start",
            "end",
            "allDay",
            "status",
            "recurringEventId",
            "attendees",
            "htmlLink",
            "updated");
    assertThat(ranged).anySatisfy(item -> assertThat((List<?>) item.get("attendees")).isNotEmpty());
    assertThat(ranged)
        .filteredOn(item -> Boolean.TRUE.equals(item.get("allDay")))
        .allSatisfy(item -> assertThat((String) item.get("start")).hasSize(10));
  }

  @Test
  void eventsWhenParametersAreBadThenJson400() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 1, 5);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    assertError(user, "startDate=yesterday", 400, "VALIDATION_FAILED");
    assertError(user, "endDate=2026-13-01", 400, "VALIDATION_FAILED");
    assertError(user, "startDate=2026-05-02&endDate=2026-05-01", 400, "VALIDATION_FAILED");
    assertError(user, "limit=0", 400, "VALIDATION_FAILED");
    assertError(user, "limit=251", 400, "VALIDATION_FAILED");
    assertError(user, "limit=many", 400, "BAD_REQUEST");
    assertError(user, "cursor=not-a-cursor", 400, "INVALID_CURSOR");
    assertError(user, "calendarId=nope%40example.com", 404, "CALENDAR_NOT_FOUND");
    assertThat(
            user.get("/api/integrations/calendar/events?startDate=2026-05-01T10:00:00%2B02:00")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void eventsWhenCalendarScopesNotGrantedThenNotConnectedConflict() throws Exception {
    String email = "nocal-" + System.nanoTime() + "@example.com";
    emulator.accounts().create(email, "No Calendar");
    GoogleUser user = GoogleUser.signIn("http://localhost:" + port, emulator.baseUrl(), email);

    HttpResponse<String> events = user.get("/api/integrations/calendar/events");
    HttpResponse<String> list = user.get("/api/integrations/calendar/calendars");

    assertThat(events.statusCode()).isEqualTo(409);
    assertThat(code(events)).isEqualTo("NOT_CONNECTED");
    assertThat(list.statusCode()).isEqualTo(409);
  }

  private static void assertError(GoogleUser user, String query, int status, String code)
      throws Exception {
    HttpResponse<String> response = user.get("/api/integrations/calendar/events?" + query);
    assertThat(response.statusCode()).as(query).isEqualTo(status);
    assertThat(code(response)).as(query).isEqualTo(code);
  }

  private static String code(HttpResponse<String> response) {
    return (String) ((Map<?, ?>) GoogleUser.json(response.body()).get("error")).get("code");
  }

  private static String path(String calendarId) {
    return "/api/integrations/calendar/calendars/" + GoogleUser.encode(calendarId);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<?, ?>> items(Map<?, ?> body) {
    return (List<Map<?, ?>>) body.get("items");
  }

  private static Instant startOf(Map<?, ?> item) {
    return instant((String) item.get("start"));
  }

  private static Instant endOf(Map<?, ?> item) {
    return instant((String) item.get("end"));
  }

  /** All-day dates compare as UTC midnight here, close enough for day-granular range checks. */
  private static Instant instant(String value) {
    return value.length() == 10 ? Instant.parse(value + "T00:00:00Z") : Instant.parse(value);
  }
}
