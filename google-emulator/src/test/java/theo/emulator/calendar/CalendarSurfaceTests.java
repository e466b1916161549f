package theo.emulator.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static theo.emulator.calendar.CalendarTestSupport.ALICE;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

class CalendarSurfaceTests {
  private CalendarTestSupport support;
  private Calendar alice;

  @BeforeEach
  void start() {
    support = new CalendarTestSupport();
    alice = support.alice();
  }

  @AfterEach
  void stop() {
    support.close();
  }

  @Test
  void listEventsWhenPagedThenNextSyncTokenOnlyOnLastPage() throws IOException {
    List<String> inserted = new ArrayList<>();
    for (int day = 0; day < 7; day++) {
      inserted.add(insertTimed("primary", "Meeting " + day, "2026-03-0" + (day + 2)).getId());
    }

    List<String> seen = new ArrayList<>();
    String pageToken = null;
    int pages = 0;
    Events page;
    do {
      page = alice.events().list("primary").setMaxResults(3).setPageToken(pageToken).execute();
      pages++;
      page.getItems().forEach(event -> seen.add(event.getId()));
      pageToken = page.getNextPageToken();
      if (pageToken != null) {
        assertThat(page.getNextSyncToken()).isNull();
      }
    } while (pageToken != null);

    assertThat(pages).isEqualTo(3);
    assertThat(page.getNextSyncToken()).isNotBlank();
    assertThat(seen).containsExactlyInAnyOrderElementsOf(inserted);
    assertThat(page.getKind()).isEqualTo("calendar#events");
    assertThat(page.getAccessRole()).isEqualTo("owner");
    assertThat(page.getTimeZone()).isEqualTo("UTC");
    assertThat(page.getSummary()).isEqualTo(ALICE);
  }

  @Test
  void listEventsWhenSyncingAfterChangesThenExactlyTheChangesIncludingCancelled()
      throws IOException {
    Event patched = insertTimed("primary", "To patch", "2026-03-03");
    Event deleted = insertTimed("primary", "To delete", "2026-03-04");
    Event moved = insertTimed("primary", "To move", "2026-03-05");
    Event cancelled = insertTimed("primary", "To cancel", "2026-03-06");
    insertTimed("primary", "Untouched", "2026-03-07");
    String primaryToken = fullSync("primary");
    String sameToken = fullSync("primary");

    Event added = insertTimed("primary", "Added", "2026-03-08");
    alice.events().patch("primary", patched.getId(), new Event().setSummary("Patched")).execute();
    alice.events().delete("primary", deleted.getId()).execute();
    assertThat(
            support
                .admin(
                    "/emulator/accounts/" + ALICE + "/calendar/events/" + moved.getId() + "/move",
                    Map.of(
                        "calendarId", ALICE,
                        "start", "2026-03-05T15:00:00Z",
                        "end", "2026-03-05T16:00:00Z"))
                .status())
        .isEqualTo(200);
    assertThat(
            support
                .admin(
                    "/emulator/accounts/"
                        + ALICE
                        + "/calendar/events/"
                        + cancelled.getId()
                        + "/cancel",
                    Map.of("calendarId", "primary"))
                .status())
        .isEqualTo(200);

    Events changes = alice.events().list("primary").setSyncToken(primaryToken).execute();

    assertThat(changes.getItems())
        .extracting(Event::getId, Event::getStatus)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(added.getId(), "confirmed"),
            org.assertj.core.groups.Tuple.tuple(patched.getId(), "confirmed"),
            org.assertj.core.groups.Tuple.tuple(deleted.getId(), "cancelled"),
            org.assertj.core.groups.Tuple.tuple(moved.getId(), "confirmed"),
            org.assertj.core.groups.Tuple.tuple(cancelled.getId(), "cancelled"));
    Event movedNow =
        changes.getItems().stream().filter(e -> e.getId().equals(moved.getId())).findFirst().get();
    assertThat(movedNow.getStart().getDateTime().getValue())
        .isEqualTo(DateTime.parseRfc3339("2026-03-05T15:00:00Z").getValue());
    assertThat(changes.getNextSyncToken()).isNotBlank();
    Events nothingNew =
        alice.events().list("primary").setSyncToken(changes.getNextSyncToken()).execute();
    assertThat(nothingNew.getItems()).isEmpty();
    assertThat(sameToken).isEqualTo(primaryToken);
  }

  @Test
  void listEventsWhenEventInsertedBetweenPagesThenNothingSkippedAndNextSyncDeliversIt()
      throws IOException {
    List<String> inserted = new ArrayList<>();
    for (int day = 3; day <= 8; day++) {
      inserted.add(insertTimed("primary", "Day " + day, "2026-03-0" + day).getId());
    }
    Events first = alice.events().list("primary").setMaxResults(3).execute();

    Event early = insertTimed("primary", "Earlier than everything", "2026-03-02");
    Events second =
        alice
            .events()
            .list("primary")
            .setMaxResults(3)
            .setPageToken(first.getNextPageToken())
            .execute();

    List<String> seen = new ArrayList<>();
    first.getItems().forEach(event -> seen.add(event.getId()));
    second.getItems().forEach(event -> seen.add(event.getId()));
    assertThat(seen).containsExactlyElementsOf(inserted);
    assertThat(second.getNextSyncToken()).isNotBlank();
    assertThat(
            alice
                .events()
                .list("primary")
                .setSyncToken(second.getNextSyncToken())
                .execute()
                .getItems())
        .extracting(Event::getId)
        .containsExactly(early.getId());
  }

  @Test
  void listEventsWhenSeriesChangesAndSingleEventsSyncThenChangedInstancesReturned()
      throws IOException {
    Event series =
        alice
            .events()
            .insert(
                "primary",
                new Event()
                    .setSummary("Triple")
                    .setStart(berlin("2026-03-03T09:00:00+01:00"))
                    .setEnd(berlin("2026-03-03T09:30:00+01:00"))
                    .setRecurrence(List.of("RRULE:FREQ=DAILY;COUNT=3")))
            .execute();
    String token = fullSync("primary");

    Event renamed = alice.events().get("primary", series.getId()).execute().setSummary("Renamed");
    alice.events().update("primary", series.getId(), renamed).execute();
    Events changes =
        alice.events().list("primary").setSyncToken(token).setSingleEvents(true).execute();

    assertThat(changes.getItems()).hasSize(3);
    assertThat(changes.getItems()).allSatisfy(e -> assertThat(e.getSummary()).isEqualTo("Renamed"));
    assertStatus(
        () ->
            alice
                .events()
                .insert(
                    "primary",
                    new Event()
                        .setId(series.getId())
                        .setStart(utc("2026-03-03T10:00:00Z"))
                        .setEnd(utc("2026-03-03T11:00:00Z")))
                .execute(),
        409);
  }

  @Test
  void listEventsWhenSyncTokenOnOtherCalendarThenOnlyThatCalendarsChanges() throws IOException {
    support.admin(
        "/emulator/accounts/" + ALICE + "/calendar/generate",
        Map.of("calendars", 3, "eventsPerCalendar", 5, "seed", 7));
    String team = calendarWithRole("writer").getId();
    String teamToken = fullSync(team);
    String primaryToken = fullSync("primary");

    Event added = insertTimed(team, "Team sync", "2026-03-10");

    assertThat(alice.events().list(team).setSyncToken(teamToken).execute().getItems())
        .extracting(Event::getId)
        .containsExactly(added.getId());
    assertThat(alice.events().list("primary").setSyncToken(primaryToken).execute().getItems())
        .isEmpty();
    assertThatThrownBy(() -> alice.events().list("primary").setSyncToken(teamToken).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(410));
  }

  @Test
  void listEventsWhenSyncTokenWithForbiddenParametersThenBadRequest() throws IOException {
    String token = fullSync("primary");

    assertStatus(
        () ->
            alice
                .events()
                .list("primary")
                .setSyncToken(token)
                .setTimeMin(new DateTime("2026-03-01T00:00:00Z"))
                .execute(),
        400);
    assertStatus(
        () -> alice.events().list("primary").setSyncToken(token).setQ("lunch").execute(), 400);
    assertStatus(
        () ->
            alice
                .events()
                .list("primary")
                .setSyncToken(token)
                .setSingleEvents(true)
                .setOrderBy("startTime")
                .execute(),
        400);
    assertStatus(() -> alice.events().list("primary").setOrderBy("startTime").execute(), 400);
  }

  @Test
  void listEventsWhenTokensInvalidatedThenGoneForAllOrOnlyOneCalendar() throws IOException {
    support.admin(
        "/emulator/accounts/" + ALICE + "/calendar/generate",
        Map.of("calendars", 3, "eventsPerCalendar", 3, "seed", 1));
    String team = calendarWithRole("writer").getId();
    String teamToken = fullSync(team);
    String primaryToken = fullSync("primary");

    support.admin(
        "/emulator/accounts/" + ALICE + "/calendar/sync-tokens/invalidate",
        Map.of("calendarId", team));

    GoogleJsonResponseException gone =
        assertStatus(() -> alice.events().list(team).setSyncToken(teamToken).execute(), 410);
    assertThat(gone.getDetails().getErrors().get(0).getReason()).isEqualTo("fullSyncRequired");
    assertThat(gone.getDetails().getMessage())
        .isEqualTo("Sync token is no longer valid, a full sync is required.");
    assertThat(alice.events().list("primary").setSyncToken(primaryToken).execute().getItems())
        .isEmpty();

    String freshTeamToken = fullSync(team);
    support.admin("/emulator/accounts/" + ALICE + "/calendar/sync-tokens/invalidate", Map.of());

    assertStatus(() -> alice.events().list(team).setSyncToken(freshTeamToken).execute(), 410);
    assertStatus(() -> alice.events().list("primary").setSyncToken(primaryToken).execute(), 410);
    assertStatus(() -> alice.events().list("primary").setSyncToken("garbage").execute(), 410);
  }

  @Test
  void listEventsWhenSingleEventsThenSeriesExpandedWithExdateMovedAndCancelledInstances()
      throws IOException {
    // Mondays 09:00 in Berlin across the DST change of 29 March 2026
    Event series =
        alice
            .events()
            .insert(
                "primary",
                new Event()
                    .setSummary("Weekly")
                    .setStart(berlin("2026-03-16T09:00:00+01:00"))
                    .setEnd(berlin("2026-03-16T10:00:00+01:00"))
                    .setRecurrence(
                        List.of(
                            "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=6",
                            "EXDATE;TZID=Europe/Berlin:20260323T090000")))
            .execute();
    String id = series.getId();
    alice
        .events()
        .patch(
            "primary",
            id + "_20260330T070000Z",
            new Event()
                .setStart(berlin("2026-03-30T11:00:00+02:00"))
                .setEnd(berlin("2026-03-30T12:00:00+02:00")))
        .execute();
    alice.events().delete("primary", id + "_20260406T070000Z").execute();

    List<Event> instances =
        alice
            .events()
            .list("primary")
            .setSingleEvents(true)
            .setOrderBy("startTime")
            .setTimeMin(new DateTime("2026-03-01T00:00:00Z"))
            .setTimeMax(new DateTime("2026-05-01T00:00:00Z"))
            .execute()
            .getItems();

    assertThat(instances)
        .extracting(Event::getId)
        .containsExactly(
            id + "_20260316T080000Z",
            id + "_20260330T070000Z",
            id + "_20260413T070000Z",
            id + "_20260420T070000Z");
    assertThat(instances).allSatisfy(e -> assertThat(e.getRecurringEventId()).isEqualTo(id));
    Event moved = instances.get(1);
    assertThat(moved.getStart().getDateTime().getValue())
        .isEqualTo(DateTime.parseRfc3339("2026-03-30T09:00:00Z").getValue());
    assertThat(moved.getOriginalStartTime().getDateTime().getValue())
        .isEqualTo(DateTime.parseRfc3339("2026-03-30T07:00:00Z").getValue());
    assertThat(instances.get(2).getStart().getTimeZone()).isEqualTo("Europe/Berlin");

    List<Event> resources = alice.events().list("primary").execute().getItems();
    assertThat(resources)
        .extracting(Event::getId, Event::getStatus)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(id, "confirmed"),
            org.assertj.core.groups.Tuple.tuple(id + "_20260330T070000Z", "confirmed"),
            org.assertj.core.groups.Tuple.tuple(id + "_20260406T070000Z", "cancelled"));
  }

  @Test
  void instancesWhenSeriesHasExceptionsThenOccurrencesAndCancelledOnlyWithShowDeleted()
      throws IOException {
    Event series =
        alice
            .events()
            .insert(
                "primary",
                new Event()
                    .setSummary("Daily")
                    .setStart(new EventDateTime().setDate(new DateTime("2026-03-02")))
                    .setEnd(new EventDateTime().setDate(new DateTime("2026-03-03")))
                    .setRecurrence(List.of("RRULE:FREQ=DAILY;COUNT=4")))
            .execute();
    alice.events().delete("primary", series.getId() + "_20260303").execute();

    List<Event> visible = alice.events().instances("primary", series.getId()).execute().getItems();
    List<Event> all =
        alice
            .events()
            .instances("primary", series.getId())
            .setShowDeleted(true)
            .execute()
            .getItems();

    assertThat(visible)
        .extracting(Event::getId)
        .containsExactly(
            series.getId() + "_20260302",
            series.getId() + "_20260304",
            series.getId() + "_20260305");
    assertThat(visible.get(0).getStart().getDate().toStringRfc3339()).isEqualTo("2026-03-02");
    assertThat(all).hasSize(4);
    Event single = alice.events().get("primary", series.getId() + "_20260304").execute();
    assertThat(single.getRecurringEventId()).isEqualTo(series.getId());
  }

  @Test
  void listEventsWhenUnboundedDailySeriesWithoutTimeMaxThenExpansionStopsAtHorizon()
      throws IOException {
    alice
        .events()
        .insert(
            "primary",
            new Event()
                .setSummary("Forever")
                .setStart(berlin("2026-03-02T08:00:00+01:00"))
                .setEnd(berlin("2026-03-02T08:15:00+01:00"))
                .setRecurrence(List.of("RRULE:FREQ=DAILY")))
        .execute();

    int count = 0;
    String pageToken = null;
    do {
      Events page =
          alice
              .events()
              .list("primary")
              .setSingleEvents(true)
              .setMaxResults(2500)
              .setPageToken(pageToken)
              .execute();
      count += page.getItems().size();
      pageToken = page.getNextPageToken();
    } while (pageToken != null);

    assertThat(count).isBetween(700, 740);
  }

  @Test
  void writesWhenInvalidOrForbiddenThenGoogleErrors() throws IOException {
    GoogleJsonResponseException missingEnd =
        assertStatus(
            () ->
                alice
                    .events()
                    .insert(
                        "primary",
                        new Event().setStart(utc("2026-03-03T10:00:00Z")).setSummary("No end"))
                    .execute(),
            400);
    assertThat(missingEnd.getDetails().getMessage()).isEqualTo("Missing end time.");

    Event event = insertTimed("primary", "Once", "2026-03-03");
    alice.events().delete("primary", event.getId()).execute();
    assertStatus(() -> alice.events().delete("primary", event.getId()).execute(), 410);
    assertThat(alice.events().get("primary", event.getId()).execute().getStatus())
        .isEqualTo("cancelled");

    Calendar reader = support.client("read:" + ALICE);
    GoogleJsonResponseException scope =
        assertStatus(
            () ->
                reader
                    .events()
                    .insert(
                        "primary",
                        new Event()
                            .setStart(utc("2026-03-03T10:00:00Z"))
                            .setEnd(utc("2026-03-03T11:00:00Z")))
                    .execute(),
            403);
    assertThat(scope.getDetails().getErrors().get(0).getReason())
        .isEqualTo("insufficientPermissions");
    assertThat(reader.events().list("primary").execute().getItems()).isEmpty();

    support.admin(
        "/emulator/accounts/" + ALICE + "/calendar/generate",
        Map.of("calendars", 2, "eventsPerCalendar", 2, "seed", 3));
    String holidays = calendarWithRole("reader").getId();
    assertThat(holidays).contains("#");
    GoogleJsonResponseException readOnly =
        assertStatus(() -> insertTimed(holidays, "Nope", "2026-03-03"), 403);
    assertThat(readOnly.getDetails().getErrors().get(0).getReason())
        .isEqualTo("requiredAccessLevel");
    assertThat(alice.events().list(holidays).execute().getItems()).hasSize(2);
    assertStatus(() -> alice.events().get("primary", "unknownid123").execute(), 404);
    assertStatus(() -> alice.events().list("nobody@example.com").execute(), 404);
  }

  @Test
  void requestsWhenOnlyEventsScopeThenEventsWorkButCalendarListIsForbidden() throws IOException {
    Calendar events = support.client("events:" + ALICE);

    Event created = insertWith(events, "Scoped");

    assertThat(events.events().list("primary").execute().getItems())
        .extracting(Event::getId)
        .containsExactly(created.getId());
    GoogleJsonResponseException forbidden =
        assertStatus(() -> events.calendarList().list().execute(), 403);
    assertThat(forbidden.getDetails().getErrors().get(0).getReason())
        .isEqualTo("insufficientPermissions");
    assertStatus(() -> support.client("nonsense").events().list("primary").execute(), 401);
  }

  private static Event insertWith(Calendar client, String summary) throws IOException {
    return client
        .events()
        .insert(
            "primary",
            new Event()
                .setSummary(summary)
                .setStart(utc("2026-03-03T10:00:00Z"))
                .setEnd(utc("2026-03-03T11:00:00Z")))
        .execute();
  }

  @Test
  void insertWhenSendUpdatesAllWithAttendeesThenNotificationsCounted() throws IOException {
    Event event =
        new Event()
            .setSummary("Review")
            .setStart(utc("2026-03-03T10:00:00Z"))
            .setEnd(utc("2026-03-03T11:00:00Z"))
            .setAttendees(
                List.of(
                    new EventAttendee().setEmail(ALICE),
                    new EventAttendee().setEmail("carol@example.com"),
                    new EventAttendee().setEmail("dan@partner.example.net")));

    Event created = alice.events().insert("primary", event).setSendUpdates("none").execute();
    assertThat(support.emulator.stats().get("calendar.notificationsSent")).isZero();
    alice
        .events()
        .patch("primary", created.getId(), new Event().setSummary("Review v2"))
        .setSendUpdates("externalOnly")
        .execute();
    assertThat(support.emulator.stats().get("calendar.notificationsSent")).isEqualTo(1);
    alice
        .events()
        .patch("primary", created.getId(), new Event().setSummary("Review v3"))
        .setSendUpdates("all")
        .execute();

    assertThat(support.emulator.stats().get("calendar.notificationsSent")).isEqualTo(3);
    assertThat(created.getAttendees())
        .filteredOn(a -> a.getEmail().equals(ALICE))
        .singleElement()
        .satisfies(a -> assertThat(a.getOrganizer()).isTrue());
    assertThat(created.getAttendees().get(1).getResponseStatus()).isEqualTo("needsAction");
    assertThat(
            support
                .get("/emulator/accounts/" + ALICE + "/calendar/notifications", null)
                .json()
                .get("notifications"))
        .asList()
        .hasSize(2);
  }

  @Test
  void requestsWhenUserQuotaExhaustedThen429WithRetryAfterAndProjectThen403() throws IOException {
    support.emulator.context().quotas().find("calendar").orElseThrow().setLimits(2, 1000);
    alice.events().list("primary").execute();
    alice.calendarList().list().execute();

    GoogleJsonResponseException limited =
        assertStatus(() -> alice.events().list("primary").execute(), 429);
    assertThat(limited.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
    assertThat(limited.getHeaders().getRetryAfter()).isNotBlank();
    assertThat(support.emulator.stats().get("calendar.throttled")).isEqualTo(1);

    support.emulator.context().quotas().find("calendar").orElseThrow().setLimits(1000, 2);
    GoogleJsonResponseException project =
        assertStatus(
            () -> support.client("full:bob@example.com").events().list("primary").execute(), 403);
    assertThat(project.getDetails().getErrors().get(0).getReason()).isEqualTo("rateLimitExceeded");
    assertThat(support.emulator.stats().get("calendar.requests")).isEqualTo(4);
  }

  @Test
  void calendarListWhenGeneratedThenAccessRolesHiddenAndSync() throws IOException {
    support.admin(
        "/emulator/accounts/" + ALICE + "/calendar/generate",
        Map.of("calendars", 6, "eventsPerCalendar", 1, "seed", 11));

    List<CalendarListEntry> visible = alice.calendarList().list().execute().getItems();
    List<CalendarListEntry> all =
        alice.calendarList().list().setShowHidden(true).execute().getItems();
    List<CalendarListEntry> writable =
        alice.calendarList().list().setMinAccessRole("writer").execute().getItems();

    assertThat(all).hasSize(6);
    assertThat(visible).hasSize(5);
    assertThat(all)
        .extracting(CalendarListEntry::getAccessRole)
        .containsExactly("owner", "reader", "writer", "freeBusyReader", "reader", "owner");
    CalendarListEntry primary = all.get(0);
    assertThat(primary.getId()).isEqualTo(ALICE);
    assertThat(primary.getPrimary()).isTrue();
    assertThat(primary.getSelected()).isTrue();
    assertThat(primary.getBackgroundColor()).startsWith("#");
    assertThat(primary.getTimeZone()).isEqualTo("UTC");
    assertThat(all.get(4).getHidden()).isTrue();
    assertThat(writable)
        .extracting(CalendarListEntry::getAccessRole)
        .containsOnly("owner", "writer");

    CalendarListPage pages = listAllCalendarPages(2);
    assertThat(pages.count()).isEqualTo(5);
    assertThat(alice.calendarList().list().setSyncToken(pages.syncToken()).execute().getItems())
        .isEmpty();
    assertThat(alice.calendars().get(all.get(1).getId()).execute().getSummary())
        .isEqualTo("Holidays");
    assertThat(
            support
                .admin("/emulator/accounts/nobody@example.com/calendar/generate", Map.of())
                .status())
        .isEqualTo(404);
  }

  @Test
  void summaryWhenEventsAndSeriesThenCountsEventsAndInstancesInWindow() throws IOException {
    insertTimed("primary", "Single", "2026-03-03");
    support.admin(
        "/emulator/accounts/" + ALICE + "/calendar/events",
        Map.of(
            "summary", "Standup",
            "start", "2026-03-02T09:00:00Z",
            "end", "2026-03-02T09:15:00Z",
            "recurrence", List.of("RRULE:FREQ=DAILY;COUNT=10"),
            "timeZone", "Europe/Berlin",
            "attendees", List.of("carol@example.com")));

    Map<String, Object> summary =
        support
            .get(
                "/emulator/accounts/"
                    + ALICE
                    + "/calendar/summary?timeMin=2026-03-01T00:00:00Z&timeMax=2026-03-08T00:00:00Z",
                null)
            .json();

    @SuppressWarnings("unchecked")
    Map<String, Object> primary = ((List<Map<String, Object>>) summary.get("calendars")).get(0);
    assertThat(primary.get("events")).isEqualTo(2.0);
    assertThat(primary.get("instances")).isEqualTo(7.0);
  }

  private record CalendarListPage(int count, String syncToken) {}

  private CalendarListPage listAllCalendarPages(int pageSize) throws IOException {
    int count = 0;
    String pageToken = null;
    while (true) {
      var page =
          alice.calendarList().list().setMaxResults(pageSize).setPageToken(pageToken).execute();
      count += page.getItems().size();
      pageToken = page.getNextPageToken();
      if (pageToken == null) {
        return new CalendarListPage(count, page.getNextSyncToken());
      }
      assertThat(page.getNextSyncToken()).isNull();
    }
  }

  private CalendarListEntry calendarWithRole(String role) throws IOException {
    return alice.calendarList().list().execute().getItems().stream()
        .filter(entry -> entry.getAccessRole().equals(role))
        .findFirst()
        .orElseThrow();
  }

  private String fullSync(String calendarId) throws IOException {
    String pageToken = null;
    while (true) {
      Events page = alice.events().list(calendarId).setPageToken(pageToken).execute();
      pageToken = page.getNextPageToken();
      if (pageToken == null) {
        return page.getNextSyncToken();
      }
    }
  }

  private Event insertTimed(String calendarId, String summary, String date) throws IOException {
    return alice
        .events()
        .insert(
            calendarId,
            new Event()
                .setSummary(summary)
                .setStart(utc(date + "T10:00:00Z"))
                .setEnd(utc(date + "T11:00:00Z")))
        .execute();
  }

  private static EventDateTime utc(String value) {
    return new EventDateTime().setDateTime(new DateTime(value));
  }

  private static EventDateTime berlin(String value) {
    return new EventDateTime().setDateTime(new DateTime(value)).setTimeZone("Europe/Berlin");
  }

  private static GoogleJsonResponseException assertStatus(ThrowingSupplier<?> call, int status) {
    try {
      call.get();
    } catch (GoogleJsonResponseException e) {
      assertThat(e.getStatusCode()).isEqualTo(status);
      return e;
    } catch (Throwable e) {
      throw new AssertionError("Expected HTTP " + status + " but got " + e, e);
    }
    throw new AssertionError("Expected HTTP " + status + " but the call succeeded");
  }
}
