package theo.calendar;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import com.google.api.services.calendar.model.CalendarListEntry;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.calendar.CalendarRepository.ListedCalendar;
import theo.calendar.CalendarRepository.PageChanges;
import theo.google.GoogleNotFoundException;
import theo.integration.spi.RunProgress;
import theo.integration.spi.SyncEngine;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncRun;
import theo.integration.spi.SyncStats;
import theo.integration.spi.SyncType;

/**
 * Syncs a user's calendar list and the events of the calendars they selected. Each calendar has its
 * own sync token: a full pass lists the configured window with recurring series expanded into
 * instances, later passes list the changes since the token, and a 410 on one calendar wipes and
 * fully resyncs only that calendar. Every page is committed with its checkpoint, so a run stopped
 * anywhere resumes at the next page.
 */
@Component
record CalendarSyncEngine(
    CalendarApi api, CalendarRepository calendars, CalendarProperties properties, Clock clock)
    implements SyncEngine {
  static final int PAGE_SIZE = 2500;
  private static final String FULL = "full";
  private static final String INCREMENTAL = "incremental";

  @Override
  public SyncResult sync(UUID userId, SyncType type, SyncRun run) throws Exception {
    Calendar client = api.client(userId);
    refreshCalendarList(userId, client);
    RunProgress progress = new RunProgress(run);
    boolean anyFull = false;
    for (StoredCalendar calendar : calendars.calendars(userId)) {
      if (calendar.selected()) {
        run.checkCancelled();
        anyFull |= syncCalendar(userId, client, calendar, type, progress);
      }
    }
    return new SyncResult(
        anyFull || type == SyncType.FULL ? SyncType.FULL : SyncType.INCREMENTAL,
        progress.processed());
  }

  @Override
  public Stats stats(UUID userId) {
    return new Stats(calendars.eventCount(userId), calendars.selectedCalendarCount(userId));
  }

  /** The counts in Calendar's sync status: stored events and calendars chosen to sync. */
  public record Stats(long eventCount, long calendarCount) implements SyncStats {}

  /** A bound of a synced calendar's window, which its first full pass set. */
  private static Instant window(@Nullable Instant bound) {
    return Objects.requireNonNull(bound, "calendar synced without a window");
  }

  /** Reads the whole calendar list (hidden calendars too, so the person can choose them). */
  void refreshCalendarList(UUID userId, Calendar client) throws IOException, InterruptedException {
    List<ListedCalendar> listed = new ArrayList<>();
    String pageToken = null;
    do {
      CalendarList page =
          api.execute(
              userId,
              client
                  .calendarList()
                  .list()
                  .setShowHidden(true)
                  .setMaxResults(250)
                  .setPageToken(pageToken));
      if (page.getItems() != null) {
        for (CalendarListEntry entry : page.getItems()) {
          listed.add(
              new ListedCalendar(
                  entry.getId(),
                  entry.getSummaryOverride() != null
                      ? entry.getSummaryOverride()
                      : entry.getSummary(),
                  entry.getDescription(),
                  entry.getAccessRole(),
                  Boolean.TRUE.equals(entry.getPrimary()),
                  Boolean.TRUE.equals(entry.getHidden()),
                  entry.getBackgroundColor(),
                  entry.getForegroundColor(),
                  entry.getTimeZone()));
        }
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    calendars.replaceCalendarList(userId, listed, clock.instant());
  }

  /** Syncs one calendar to its end; returns whether it ran (or fell back to) a full pass. */
  private boolean syncCalendar(
      UUID userId, Calendar client, StoredCalendar stored, SyncType type, RunProgress progress)
      throws IOException, InterruptedException {
    StoredCalendar calendar = stored;
    // a pass in progress is resumed, except that a requested full sync replaces an incremental one
    boolean startFull =
        type == SyncType.FULL
            ? !FULL.equals(calendar.pass())
            : !calendar.passInProgress() && calendar.syncToken() == null;
    if (startFull) {
      calendar = beginFullPass(userId, calendar.id());
    }
    boolean full = FULL.equals(calendar.pass());
    boolean ranFull = full;
    Set<String> reconciledSeries = new HashSet<>();
    String pageToken = calendar.pageToken();
    while (true) {
      Events page;
      try {
        page = api.execute(userId, listRequest(client, calendar, full, pageToken));
      } catch (GoogleNotFoundException e) {
        if (!e.gone() || (full && pageToken == null)) {
          throw e;
        }
        // The sync token (or a stored page token) expired: start this calendar over, alone.
        if (!full) {
          calendars.wipe(userId, calendar.id());
        }
        calendar = beginFullPass(userId, calendar.id());
        full = true;
        ranFull = true;
        pageToken = null;
        continue;
      }
      PageChanges changes =
          changes(userId, client, calendar, full ? FULL : INCREMENTAL, page, reconciledSeries);
      if (!calendars.commitPage(userId, calendar, changes, clock.instant())) {
        return ranFull; // deselected meanwhile: its events are gone, nothing more to fetch
      }
      progress.add(changes.upserts().size() + changes.deletedIds().size());
      if (changes.nextPageToken() == null) {
        return ranFull;
      }
      pageToken = changes.nextPageToken();
      progress.checkCancelled();
    }
  }

  private StoredCalendar beginFullPass(UUID userId, String calendarId) {
    Instant now = clock.instant();
    return calendars.beginFullPass(
        userId,
        calendarId,
        now.minus(properties.sync().windowPast()),
        now.plus(properties.sync().windowFuture()));
  }

  private static Calendar.Events.List listRequest(
      Calendar client, StoredCalendar calendar, boolean full, @Nullable String pageToken)
      throws IOException {
    Calendar.Events.List request =
        client
            .events()
            .list(calendar.id())
            .setSingleEvents(true)
            .setMaxResults(PAGE_SIZE)
            .setPageToken(pageToken);
    if (full) {
      request
          .setTimeMin(new DateTime(window(calendar.windowStart()).toEpochMilli()))
          .setTimeMax(new DateTime(window(calendar.windowEnd()).toEpochMilli()));
    } else {
      request.setSyncToken(calendar.syncToken());
    }
    return request;
  }

  /**
   * What a page means locally. Cancelled items are removed (a cancelled series with all its
   * instances); items outside the calendar's window are removed too, so an incremental pass keeps
   * exactly what a full pass over the same window would hold. When an incremental page touches a
   * recurring series, its live instances in the window are re-read once per run, because a changed
   * series can drop or rename instances without listing them as cancelled.
   */
  private PageChanges changes(
      UUID userId,
      Calendar client,
      StoredCalendar calendar,
      String pass,
      Events page,
      Set<String> reconciledSeries)
      throws IOException, InterruptedException {
    ZoneId zone = EventMapper.zoneOf(calendar.timeZone());
    Instant windowStart = window(calendar.windowStart());
    Instant windowEnd = window(calendar.windowEnd());
    Map<String, StoredEvent> upserts = new LinkedHashMap<>();
    Set<String> deletedIds = new LinkedHashSet<>();
    Set<String> deletedSeries = new LinkedHashSet<>();
    Map<String, Set<String>> replacedSeries = new LinkedHashMap<>();
    List<Event> items = page.getItems() == null ? List.of() : page.getItems();
    for (Event event : items) {
      if (EventMapper.cancelled(event)) {
        if (event.getRecurringEventId() == null) {
          deletedSeries.add(event.getId());
        } else {
          deletedIds.add(event.getId());
        }
        continue;
      }
      StoredEvent stored = EventMapper.toStored(calendar.id(), event, zone);
      if (stored.overlaps(windowStart, windowEnd)) {
        upserts.put(stored.id(), stored);
      } else {
        deletedIds.add(stored.id());
      }
      String series = event.getRecurringEventId();
      if (INCREMENTAL.equals(pass) && series != null && reconciledSeries.add(series)) {
        Set<String> live = new LinkedHashSet<>();
        if (liveInstances(userId, client, calendar, series, zone, upserts, live)) {
          replacedSeries.put(series, live);
        } else {
          deletedSeries.add(series);
        }
      }
    }
    upserts.keySet().removeAll(deletedIds);
    return new PageChanges(
        pass,
        List.copyOf(upserts.values()),
        deletedIds,
        deletedSeries,
        replacedSeries,
        page.getNextPageToken(),
        page.getNextPageToken() == null ? page.getNextSyncToken() : null);
  }

  /** Adds a series' instances in the window to {@code into}; false when the series is gone. */
  private boolean liveInstances(
      UUID userId,
      Calendar client,
      StoredCalendar calendar,
      String seriesId,
      ZoneId zone,
      Map<String, StoredEvent> into,
      Set<String> ids)
      throws IOException, InterruptedException {
    String pageToken = null;
    do {
      Events page;
      try {
        page =
            api.execute(
                userId,
                client
                    .events()
                    .instances(calendar.id(), seriesId)
                    .setTimeMin(new DateTime(window(calendar.windowStart()).toEpochMilli()))
                    .setTimeMax(new DateTime(window(calendar.windowEnd()).toEpochMilli()))
                    .setMaxResults(PAGE_SIZE)
                    .setPageToken(pageToken));
      } catch (GoogleNotFoundException e) {
        return false;
      }
      if (page.getItems() != null) {
        for (Event event : page.getItems()) {
          if (!EventMapper.cancelled(event)) {
            StoredEvent stored = EventMapper.toStored(calendar.id(), event, zone);
            into.put(stored.id(), stored);
            ids.add(stored.id());
          }
        }
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    return true;
  }
}
