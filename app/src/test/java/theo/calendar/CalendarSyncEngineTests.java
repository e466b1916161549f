package theo.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static theo.calendar.CalendarTesting.assertExact;
import static theo.calendar.CalendarTesting.stored;
import static theo.calendar.CalendarTesting.userWithCalendars;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.CheckedRun;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import theo.integration.IntegrationSync;
import theo.integration.spi.SyncCancelledException;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncType;

@TheoTest
class CalendarSyncEngineTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired CalendarSyncEngine engine;
  @Autowired CalendarRepository calendars;
  @Autowired CalendarIntegration integration;
  @Autowired IntegrationSync integrationSync;
  @Autowired theo.google.GoogleApis access;
  @Autowired JdbcClient jdbc;

  @Test
  void syncWhenFirstRunThenPrimaryAndOwnedSelectedAndEveryCalendarEqualsGoogleExactly()
      throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 8, 250);

    SyncResult first = engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    assertThat(first.ranAs()).isEqualTo(SyncType.FULL);
    List<StoredCalendar> listed = calendars.calendars(user.userId);
    assertThat(listed).hasSize(8);
    assertThat(listed.stream().filter(StoredCalendar::selected))
        .extracting(StoredCalendar::accessRole)
        .containsOnly("owner")
        .hasSize(2);
    assertThat(listed.stream().filter(StoredCalendar::primary)).hasSize(1);
    assertThat(listed)
        .extracting(StoredCalendar::accessRole)
        .contains("owner", "writer", "reader", "freeBusyReader");
    assertThat(listed).allSatisfy(c -> assertThat(c.backgroundColor()).startsWith("#"));
    assertThat(listed.stream().filter(StoredCalendar::hidden)).hasSize(1);
    assertExact(calendars, access.calendar(user.userId), user);

    listed.forEach(c -> calendars.setSelected(user.userId, c.id(), true, Instant.now()));
    SyncResult second = engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    assertThat(second.ranAs()).isEqualTo(SyncType.FULL);
    assertExact(calendars, access.calendar(user.userId), user);
    List<StoredEvent> primary = stored(calendars, user.userId, listed.get(0).id());
    assertThat(primary).anySatisfy(event -> assertThat(event.recurringEventId()).isNotNull());
    assertThat(primary).anySatisfy(event -> assertThat(event.allDay()).isTrue());
    assertThat(primary).anySatisfy(event -> assertThat(event.attendees()).isNotEmpty());
    assertThat(engine.stats(user.userId))
        .isEqualTo(new CalendarSyncEngine.Stats(calendars.eventCount(user.userId), 8L));
  }

  @Test
  void syncWhenEventsCreatedMovedAndCancelledOnTwoCalendarsThenIncrementalEndsExact()
      throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 3, 60);
    engine.refreshCalendarList(user.userId, access.calendar(user.userId));
    String primary = calendarWithRole(user, "owner");
    String team = calendarWithRole(user, "writer");
    calendars.setSelected(user.userId, team, true, Instant.now());
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    String primaryToken = calendars.calendar(user.userId, primary).orElseThrow().syncToken();
    String teamToken = calendars.calendar(user.userId, team).orElseThrow().syncToken();
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    Map<?, ?> created =
        user.admin(
            "POST",
            "calendar/events",
            Map.of(
                "calendarId",
                primary,
                "summary",
                "Created on primary",
                "start",
                iso(tomorrow),
                "end",
                iso(tomorrow.plus(Duration.ofHours(1)))));
    Map<?, ?> weekly =
        user.admin(
            "POST",
            "calendar/events",
            Map.of(
                "calendarId",
                team,
                "summary",
                "Weekly on team",
                "start",
                iso(tomorrow),
                "end",
                iso(tomorrow.plus(Duration.ofMinutes(30))),
                "recurrence",
                "RRULE:FREQ=WEEKLY;COUNT=5"));
    StoredEvent moved = single(user, primary, 0);
    Instant movedTo = moved.startAt().plus(Duration.ofDays(2));
    user.admin(
        "POST",
        "calendar/events/" + moved.id() + "/move",
        Map.of(
            "calendarId", primary,
            "start", iso(movedTo),
            "end", iso(movedTo.plus(Duration.ofHours(1)))));
    StoredEvent cancelled = single(user, team, 0);
    user.admin("POST", "calendar/events/" + cancelled.id() + "/cancel", Map.of("calendarId", team));
    StoredEvent cancelledInstance =
        stored(calendars, user.userId, primary).stream()
            .filter(event -> event.recurringEventId() != null)
            .findFirst()
            .orElseThrow();
    user.admin(
        "POST",
        "calendar/events/" + cancelledInstance.id() + "/cancel",
        Map.of("calendarId", primary));
    // moving a whole series renames all its instances (their ids carry the start)
    String series = seriesOf(user, team);
    Calendar google = access.calendar(user.userId);
    Event master = google.events().get(team, series).execute();
    Instant seriesStart = Instant.ofEpochMilli(master.getStart().getDateTime().getValue());
    Instant seriesEnd = Instant.ofEpochMilli(master.getEnd().getDateTime().getValue());
    user.admin(
        "POST",
        "calendar/events/" + series + "/move",
        Map.of(
            "calendarId", team,
            "start", iso(seriesStart.plus(Duration.ofHours(1))),
            "end", iso(seriesEnd.plus(Duration.ofHours(1)))));

    SyncResult result = engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    assertThat(result.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    assertExact(calendars, google, user);
    List<StoredEvent> onPrimary = stored(calendars, user.userId, primary);
    List<StoredEvent> onTeam = stored(calendars, user.userId, team);
    assertThat(onPrimary).extracting(StoredEvent::id).contains((String) created.get("id"));
    assertThat(onPrimary)
        .filteredOn(event -> event.id().equals(moved.id()))
        .singleElement()
        .extracting(StoredEvent::startAt)
        .isEqualTo(movedTo);
    assertThat(onPrimary).extracting(StoredEvent::id).doesNotContain(cancelledInstance.id());
    assertThat(onTeam).extracting(StoredEvent::id).doesNotContain(cancelled.id());
    assertThat(onTeam)
        .filteredOn(event -> Objects.equals(event.recurringEventId(), weekly.get("id")))
        .hasSize(5);
    assertThat(calendars.calendar(user.userId, primary).orElseThrow().syncToken())
        .isNotEqualTo(primaryToken);
    assertThat(calendars.calendar(user.userId, team).orElseThrow().syncToken())
        .isNotEqualTo(teamToken);
  }

  @Test
  void syncWhenOneCalendarsTokenIsGoneThenOnlyThatCalendarIsWipedAndResynced() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 3, 80);
    engine.refreshCalendarList(user.userId, access.calendar(user.userId));
    String primary = calendarWithRole(user, "owner");
    String team = calendarWithRole(user, "writer");
    calendars.setSelected(user.userId, team, true, Instant.now());
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    StoredCalendar primaryBefore = calendars.calendar(user.userId, primary).orElseThrow();
    StoredCalendar teamBefore = calendars.calendar(user.userId, team).orElseThrow();
    user.admin("POST", "calendar/sync-tokens/invalidate", Map.of("calendarId", team));
    Instant later = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    Map<?, ?> created =
        user.admin(
            "POST",
            "calendar/events",
            Map.of(
                "calendarId",
                primary,
                "summary",
                "After the invalidation",
                "start",
                iso(later),
                "end",
                iso(later.plus(Duration.ofHours(1)))));

    SyncResult result = engine.sync(user.userId, SyncType.AUTO, new CheckedRun());

    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    StoredCalendar primaryAfter = calendars.calendar(user.userId, primary).orElseThrow();
    StoredCalendar teamAfter = calendars.calendar(user.userId, team).orElseThrow();
    assertThat(primaryAfter.passNo()).isEqualTo(primaryBefore.passNo());
    assertThat(primaryAfter.syncToken()).isNotEqualTo(primaryBefore.syncToken());
    assertThat(stored(calendars, user.userId, primary))
        .extracting(StoredEvent::id)
        .contains((String) created.get("id"));
    assertThat(teamAfter.passNo()).isEqualTo(teamBefore.passNo() + 1);
    assertThat(teamAfter.syncToken()).isNotEqualTo(teamBefore.syncToken());
    assertExact(calendars, access.calendar(user.userId), user);
  }

  @Test
  void syncWhenStoppedAfterFirstPageThenNextRunResumesAtTheCheckpointAndEndsExact()
      throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 1, 1500);
    engine.refreshCalendarList(user.userId, access.calendar(user.userId));
    String primary = calendarWithRole(user, "owner");

    assertThatThrownBy(() -> engine.sync(user.userId, SyncType.AUTO, new CheckedRun(2)))
        .isInstanceOf(SyncCancelledException.class);

    StoredCalendar checkpoint = calendars.calendar(user.userId, primary).orElseThrow();
    assertThat(checkpoint.pass()).isEqualTo("full");
    assertThat(checkpoint.pageToken()).isNotNull();
    assertThat(checkpoint.syncToken()).isNull();
    assertThat(stored(calendars, user.userId, primary)).hasSize(CalendarSyncEngine.PAGE_SIZE);
    long requestsBefore = emulator.stats().get("calendar.requests");

    CheckedRun resumed = new CheckedRun();
    engine.sync(user.userId, SyncType.AUTO, resumed);

    long requests = emulator.stats().get("calendar.requests") - requestsBefore;
    int total = stored(calendars, user.userId, primary).size();
    int pages = (total + CalendarSyncEngine.PAGE_SIZE - 1) / CalendarSyncEngine.PAGE_SIZE;
    assertThat(pages).isGreaterThanOrEqualTo(3);
    // the calendar list, then only the pages after the checkpoint
    assertThat(requests).isEqualTo(1 + pages - 1);
    assertThat(resumed.progress).last().isEqualTo((long) total - CalendarSyncEngine.PAGE_SIZE);
    assertThat(calendars.calendar(user.userId, primary).orElseThrow().passNo())
        .isEqualTo(checkpoint.passNo());
    assertExact(calendars, access.calendar(user.userId), user);
  }

  @Test
  void syncWhenFullRequestedThenRowsGoogleNoLongerHasAreSweptAndPassNumberAdvances()
      throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 1, 40);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    StoredCalendar before = calendars.calendars(user.userId).get(0);
    // a row Google never listed, as if a change had been missed
    jdbc.sql(
            """
            insert into calendar_events (user_id, calendar_id, event_id, start_at, end_at,
              all_day, pass_no)
            values (:userId, :calendarId, 'stale', now(), now() + interval '1 hour', false, 1)
            """)
        .param("userId", user.userId)
        .param("calendarId", before.id())
        .update();

    SyncResult result = engine.sync(user.userId, SyncType.FULL, new CheckedRun());

    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(calendars.calendar(user.userId, before.id()).orElseThrow().passNo())
        .isEqualTo(before.passNo() + 1);
    assertThat(stored(calendars, user.userId, before.id()))
        .extracting(StoredEvent::id)
        .doesNotContain("stale");
    assertExact(calendars, access.calendar(user.userId), user);
  }

  @Test
  void syncWhenStartedThroughIntegrationSyncThenRunSucceedsAndStatusShowsStats() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 2, 40);

    integrationSync.start(user.userId, integration, SyncType.AUTO, "test");

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    IntegrationSync.SyncStatus status = integrationSync.status(user.userId, integration);
    while (!"idle".equals(status.status()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = integrationSync.status(user.userId, integration);
    }
    assertThat(status.status()).isEqualTo("idle");
    assertThat(status.type()).isEqualTo("full");
    assertThat(status.stats())
        .isEqualTo(new CalendarSyncEngine.Stats(calendars.eventCount(user.userId), 1L));
    assertThat(calendars.eventCount(user.userId)).isPositive();
  }

  @Test
  void deleteUserDataWhenSyncedThenNothingIsLeft() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 2, 30);
    engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    assertThat(calendars.eventCount(user.userId)).isPositive();

    integration.deleteUserData(user.userId);

    assertThat(calendars.calendars(user.userId)).isEmpty();
    assertThat(calendars.eventCount(user.userId)).isZero();
    assertThat(engine.stats(user.userId)).isEqualTo(new CalendarSyncEngine.Stats(0L, 0L));
  }

  private String calendarWithRole(GoogleUser user, String role) {
    return calendars.calendars(user.userId).stream()
        .filter(calendar -> calendar.accessRole().equals(role))
        .findFirst()
        .orElseThrow()
        .id();
  }

  /** The n-th stored timed event of a calendar that is not part of a series. */
  private StoredEvent single(GoogleUser user, String calendarId, int n) {
    return stored(calendars, user.userId, calendarId).stream()
        .filter(event -> event.recurringEventId() == null && !event.allDay())
        .filter(event -> event.startAt().isAfter(Instant.now()))
        .skip(n)
        .findFirst()
        .orElseThrow();
  }

  /** A timed series with instances stored in the calendar. */
  private String seriesOf(GoogleUser user, String calendarId) {
    return stored(calendars, user.userId, calendarId).stream()
        .filter(event -> event.recurringEventId() != null && !event.allDay())
        .filter(event -> event.startAt().isAfter(Instant.now()))
        .map(StoredEvent::recurringEventId)
        .findFirst()
        .orElseThrow();
  }

  private static String iso(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
  }
}
