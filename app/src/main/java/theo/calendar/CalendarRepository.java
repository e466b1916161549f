package theo.calendar;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the Calendar module: calendars with their sync state, and events. */
@Repository
record CalendarRepository(
    JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate transactions, JsonMapper json) {
  private static final TypeReference<List<StoredEvent.Attendee>> ATTENDEES =
      new TypeReference<>() {};
  private static final String CALENDAR_COLUMNS =
      """
      calendar_id, summary, access_role, is_primary, hidden, background_color, time_zone,
      selected, sync_token, pass, page_token, pass_no, window_start, window_end
      """;
  private static final String EVENT_COLUMNS =
      """
      calendar_id, event_id, summary, description, location, start_at, end_at, all_day,
      start_date, end_date, status, recurring_event_id, attendees::text as attendees, html_link,
      updated
      """;

  /** One statement per page: the rows arrive as parallel arrays, one per column. */
  private static final String UPSERT_EVENTS =
      """
      insert into calendar_events (user_id, calendar_id, event_id, summary, description, location,
        start_at, end_at, all_day, start_date, end_date, status, recurring_event_id, attendees,
        html_link, updated, pass_no)
      select ?, u.calendar_id, u.event_id, u.summary, u.description, u.location, u.start_at,
        u.end_at, u.all_day, u.start_date, u.end_date, u.status, u.recurring_event_id,
        u.attendees::jsonb, u.html_link, u.updated, ?
      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
        ?::timestamptz[], ?::boolean[], ?::date[], ?::date[], ?::text[], ?::text[], ?::text[],
        ?::text[], ?::timestamptz[])
        as u(calendar_id, event_id, summary, description, location, start_at, end_at, all_day,
          start_date, end_date, status, recurring_event_id, attendees, html_link, updated)
      on conflict (user_id, calendar_id, event_id) do update set
        summary = excluded.summary, description = excluded.description,
        location = excluded.location, start_at = excluded.start_at, end_at = excluded.end_at,
        all_day = excluded.all_day, start_date = excluded.start_date, end_date = excluded.end_date,
        status = excluded.status, recurring_event_id = excluded.recurring_event_id,
        attendees = excluded.attendees, html_link = excluded.html_link,
        updated = excluded.updated, pass_no = excluded.pass_no
      """;

  // calendars

  List<StoredCalendar> calendars(UUID userId) {
    return selectCalendars(
            "user_id = :userId order by is_primary desc, lower(summary), calendar_id",
            Map.of("userId", userId))
        .list();
  }

  Optional<StoredCalendar> calendar(UUID userId, String calendarId) {
    return selectCalendars(
            "user_id = :userId and calendar_id = :calendarId", key(userId, calendarId))
        .optional();
  }

  /** The calendars matching {@code where}: a condition, perhaps with an order after it. */
  private JdbcClient.MappedQuerySpec<StoredCalendar> selectCalendars(
      String where, Map<String, ?> params) {
    return jdbc.sql("select " + CALENDAR_COLUMNS + " from calendar_calendars where " + where)
        .params(params)
        .query(CalendarRepository::toCalendar);
  }

  /** Names one of the user's calendars: {@code :userId} and {@code :calendarId}. */
  private static Map<String, Object> key(UUID userId, String calendarId) {
    return Map.of("userId", userId, "calendarId", calendarId);
  }

  /**
   * Makes the stored list equal to Google's: new calendars are selected when primary or owned,
   * known ones keep the person's choice, and calendars gone from the list go with their events.
   */
  void replaceCalendarList(UUID userId, List<ListedCalendar> listed, Instant now) {
    transactions.executeWithoutResult(
        status -> {
          for (ListedCalendar calendar : listed) {
            jdbc.sql(
                    """
                    insert into calendar_calendars (user_id, calendar_id, summary, description,
                      access_role, is_primary, hidden, background_color, foreground_color,
                      time_zone, selected, updated_at)
                    values (:userId, :id, :summary, :description, :accessRole, :primary, :hidden,
                      :backgroundColor, :foregroundColor, :timeZone, :selected, :now)
                    on conflict (user_id, calendar_id) do update set
                      summary = excluded.summary, description = excluded.description,
                      access_role = excluded.access_role, is_primary = excluded.is_primary,
                      hidden = excluded.hidden, background_color = excluded.background_color,
                      foreground_color = excluded.foreground_color,
                      time_zone = excluded.time_zone, updated_at = excluded.updated_at
                    """)
                .param("userId", userId)
                .param("id", calendar.id())
                .param("summary", calendar.summary())
                .param("description", calendar.description())
                .param("accessRole", calendar.accessRole())
                .param("primary", calendar.primary())
                .param("hidden", calendar.hidden())
                .param("backgroundColor", calendar.backgroundColor())
                .param("foregroundColor", calendar.foregroundColor())
                .param("timeZone", calendar.timeZone())
                .param("selected", calendar.selectedByDefault())
                .param("now", timestamp(now))
                .update();
          }
          List<String> ids = listed.stream().map(ListedCalendar::id).toList();
          jdbc.sql(
                  "delete from calendar_calendars where user_id = :userId"
                      + (ids.isEmpty() ? "" : " and calendar_id not in (:ids)"))
              .param("userId", userId)
              .param("ids", ids.isEmpty() ? List.of("") : ids)
              .update();
        });
  }

  /**
   * Records the person's choice; deselecting deletes the calendar's events and sync state, so
   * selecting it again starts with a full sync. Returns false when there is no such calendar.
   */
  boolean setSelected(UUID userId, String calendarId, boolean selected, Instant now) {
    return inTransaction(
        status -> {
          int updated =
              jdbc.sql(
                      """
                      update calendar_calendars set selected = :selected, updated_at = :now
                      where user_id = :userId and calendar_id = :calendarId
                      """)
                  .param("selected", selected)
                  .param("now", timestamp(now))
                  .params(key(userId, calendarId))
                  .update();
          if (updated == 0) {
            return false;
          }
          if (!selected) {
            wipe(userId, calendarId);
          }
          return true;
        });
  }

  /** Deletes a calendar's events and forgets its sync token and checkpoint. */
  void wipe(UUID userId, String calendarId) {
    transactions.executeWithoutResult(
        status -> {
          jdbc.sql(
                  "delete from calendar_events where user_id = :userId and calendar_id = :calendarId")
              .params(key(userId, calendarId))
              .update();
          jdbc.sql(
                  """
                  update calendar_calendars
                  set sync_token = null, pass = null, page_token = null,
                      window_start = null, window_end = null
                  where user_id = :userId and calendar_id = :calendarId
                  """)
              .params(key(userId, calendarId))
              .update();
        });
  }

  /** Starts a full pass over {@code [windowStart, windowEnd)} under a new pass number. */
  StoredCalendar beginFullPass(
      UUID userId, String calendarId, Instant windowStart, Instant windowEnd) {
    jdbc.sql(
            """
            update calendar_calendars
            set pass = 'full', page_token = null, pass_no = pass_no + 1,
                window_start = :windowStart, window_end = :windowEnd
            where user_id = :userId and calendar_id = :calendarId
            """)
        .param("windowStart", timestamp(windowStart))
        .param("windowEnd", timestamp(windowEnd))
        .params(key(userId, calendarId))
        .update();
    return calendar(userId, calendarId).orElseThrow();
  }

  /**
   * Applies one page in one transaction together with its checkpoint: the next page token, or at
   * the end the new sync token (and, closing a full pass, the removal of events it did not see).
   * Returns false, writing nothing, when the calendar was deselected or removed meanwhile.
   */
  boolean commitPage(UUID userId, StoredCalendar calendar, PageChanges changes, Instant now) {
    return inTransaction(
        status -> {
          Boolean selected =
              jdbc.sql(
                      """
                      select selected from calendar_calendars
                      where user_id = :userId and calendar_id = :calendarId for update
                      """)
                  .params(key(userId, calendar.id()))
                  .query(Boolean.class)
                  .optional()
                  .orElse(false);
          if (!selected) {
            return false;
          }
          deleteEvents(userId, calendar.id(), changes.deletedIds());
          deleteSeries(userId, calendar.id(), changes.deletedSeries());
          changes
              .replacedSeries()
              .forEach(
                  (seriesId, keep) -> deleteSeriesExcept(userId, calendar.id(), seriesId, keep));
          upsert(userId, calendar.passNo(), changes.upserts());
          if (changes.nextPageToken() != null) {
            jdbc.sql(
                    """
                    update calendar_calendars set pass = :pass, page_token = :pageToken
                    where user_id = :userId and calendar_id = :calendarId
                    """)
                .param("pass", changes.pass())
                .param("pageToken", changes.nextPageToken())
                .params(key(userId, calendar.id()))
                .update();
          } else {
            if ("full".equals(changes.pass())) {
              jdbc.sql(
                      """
                      delete from calendar_events where user_id = :userId
                      and calendar_id = :calendarId and pass_no < :passNo
                      """)
                  .params(key(userId, calendar.id()))
                  .param("passNo", calendar.passNo())
                  .update();
            }
            jdbc.sql(
                    """
                    update calendar_calendars
                    set sync_token = :syncToken, pass = null, page_token = null,
                        last_synced_at = :now
                    where user_id = :userId and calendar_id = :calendarId
                    """)
                .param("syncToken", changes.nextSyncToken())
                .param("now", timestamp(now))
                .params(key(userId, calendar.id()))
                .update();
          }
          return true;
        });
  }

  /**
   * Runs {@code work} in one transaction and answers what it answers (false if it answers null).
   */
  private boolean inTransaction(TransactionCallback<Boolean> work) {
    return Boolean.TRUE.equals(transactions.execute(work));
  }

  private void deleteEvents(UUID userId, String calendarId, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            delete from calendar_events where user_id = :userId and calendar_id = :calendarId
            and event_id in (:ids)
            """)
        .params(key(userId, calendarId))
        .param("ids", List.copyOf(ids))
        .update();
  }

  /** Deletes series and all their instances (a cancelled recurring event). */
  private void deleteSeries(UUID userId, String calendarId, Collection<String> seriesIds) {
    if (seriesIds.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            delete from calendar_events where user_id = :userId and calendar_id = :calendarId
            and (event_id in (:ids) or recurring_event_id in (:ids))
            """)
        .params(key(userId, calendarId))
        .param("ids", List.copyOf(seriesIds))
        .update();
  }

  private void deleteSeriesExcept(
      UUID userId, String calendarId, String seriesId, Set<String> keep) {
    jdbc.sql(
            """
            delete from calendar_events where user_id = :userId and calendar_id = :calendarId
            and recurring_event_id = :seriesId
            """
                + (keep.isEmpty() ? "" : " and event_id not in (:keep)"))
        .params(key(userId, calendarId))
        .param("seriesId", seriesId)
        .param("keep", keep.isEmpty() ? List.of("") : List.copyOf(keep))
        .update();
  }

  private void upsert(UUID userId, long passNo, List<StoredEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    int size = events.size();
    String[][] columns = new String[15][size];
    for (int i = 0; i < size; i++) {
      StoredEvent event = events.get(i);
      columns[0][i] = event.calendarId();
      columns[1][i] = event.id();
      columns[2][i] = event.summary();
      columns[3][i] = event.description();
      columns[4][i] = event.location();
      columns[5][i] = event.startAt().toString();
      columns[6][i] = event.endAt().toString();
      columns[7][i] = Boolean.toString(event.allDay());
      columns[8][i] = event.startDate() == null ? null : event.startDate().toString();
      columns[9][i] = event.endDate() == null ? null : event.endDate().toString();
      columns[10][i] = event.status();
      columns[11][i] = event.recurringEventId();
      columns[12][i] = json.writeValueAsString(event.attendees());
      columns[13][i] = event.htmlLink();
      columns[14][i] = event.updated() == null ? null : event.updated().toString();
    }
    batch.execute(
        (ConnectionCallback<Integer>)
            connection -> {
              try (PreparedStatement statement = connection.prepareStatement(UPSERT_EVENTS)) {
                statement.setObject(1, userId);
                statement.setLong(2, passNo);
                for (int column = 0; column < columns.length; column++) {
                  statement.setArray(3 + column, connection.createArrayOf("text", columns[column]));
                }
                return statement.executeUpdate();
              }
            });
  }

  // events

  /** Up to {@code query.limit()} of the user's matching events after the cursor, in start order. */
  List<StoredEvent> events(UUID userId, EventQuery query) {
    Map<String, Object> params = new HashMap<>();
    String where = where(userId, query, params);
    if (query.after() != null) {
      where += " and (start_at, calendar_id, event_id) > (:afterStart, :afterCalendar, :afterId)";
      params.put("afterStart", timestamp(query.after().startAt()));
      params.put("afterCalendar", query.after().calendarId());
      params.put("afterId", query.after().eventId());
    }
    params.put("limit", query.limit());
    return jdbc.sql(
            "select "
                + EVENT_COLUMNS
                + " from calendar_events where "
                + where
                + " order by start_at, calendar_id, event_id limit :limit")
        .params(params)
        .query(this::toEvent)
        .list();
  }

  long countEvents(UUID userId, EventQuery query) {
    Map<String, Object> params = new HashMap<>();
    String where = where(userId, query, params);
    return jdbc.sql("select count(*) from calendar_events where " + where)
        .params(params)
        .query(Long.class)
        .single();
  }

  private static String where(UUID userId, EventQuery query, Map<String, Object> params) {
    StringBuilder where = new StringBuilder("user_id = :userId");
    params.put("userId", userId);
    if (query.calendarId() != null) {
      where.append(" and calendar_id = :calendarId");
      params.put("calendarId", query.calendarId());
    }
    if (query.from() != null) {
      where.append(" and (end_at > :from or start_at >= :from)");
      params.put("from", timestamp(query.from()));
    }
    if (query.to() != null) {
      where.append(" and start_at < :to");
      params.put("to", timestamp(query.to()));
    }
    if (query.text() != null) {
      where.append(" and (summary ilike :text or description ilike :text or location ilike :text)");
      params.put("text", "%" + likeEscaped(query.text()) + "%");
    }
    return where.toString();
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  Map<String, Long> eventCounts(UUID userId) {
    Map<String, Long> counts = new HashMap<>();
    jdbc.sql(
            "select calendar_id, count(*) as n from calendar_events where user_id = :userId"
                + " group by calendar_id")
        .param("userId", userId)
        .query((row, n) -> counts.put(row.getString("calendar_id"), row.getLong("n")))
        .list();
    return counts;
  }

  long eventCount(UUID userId) {
    return jdbc.sql("select count(*) from calendar_events where user_id = :userId")
        .param("userId", userId)
        .query(Long.class)
        .single();
  }

  long selectedCalendarCount(UUID userId) {
    return jdbc.sql("select count(*) from calendar_calendars where user_id = :userId and selected")
        .param("userId", userId)
        .query(Long.class)
        .single();
  }

  /** Deletes all the user's calendars, events, sync tokens and checkpoints. */
  void deleteUserData(UUID userId) {
    jdbc.sql("delete from calendar_calendars where user_id = :userId")
        .param("userId", userId)
        .update();
  }

  // mapping

  private static StoredCalendar toCalendar(ResultSet row, int n) throws SQLException {
    return new StoredCalendar(
        row.getString("calendar_id"),
        row.getString("summary"),
        row.getString("access_role"),
        row.getBoolean("is_primary"),
        row.getBoolean("hidden"),
        row.getString("background_color"),
        row.getString("time_zone"),
        row.getBoolean("selected"),
        row.getString("sync_token"),
        row.getString("pass"),
        row.getString("page_token"),
        row.getLong("pass_no"),
        instant(row, "window_start"),
        instant(row, "window_end"));
  }

  private StoredEvent toEvent(ResultSet row, int n) throws SQLException {
    return new StoredEvent(
        row.getString("calendar_id"),
        row.getString("event_id"),
        row.getString("summary"),
        row.getString("description"),
        row.getString("location"),
        Objects.requireNonNull(instant(row, "start_at")),
        Objects.requireNonNull(instant(row, "end_at")),
        row.getBoolean("all_day"),
        row.getObject("start_date", LocalDate.class),
        row.getObject("end_date", LocalDate.class),
        row.getString("status"),
        row.getString("recurring_event_id"),
        json.readValue(row.getString("attendees"), ATTENDEES),
        row.getString("html_link"),
        instant(row, "updated"));
  }

  private static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** A calendar as Google's calendar list shows it. */
  record ListedCalendar(
      String id,
      @Nullable String summary,
      @Nullable String description,
      String accessRole,
      boolean primary,
      boolean hidden,
      @Nullable String backgroundColor,
      @Nullable String foregroundColor,
      @Nullable String timeZone) {

    /** The default choice: the primary calendar and the calendars the person owns. */
    boolean selectedByDefault() {
      return primary || "owner".equals(accessRole);
    }
  }

  /**
   * What one page changes: rows to upsert, events and whole series to delete, series whose live
   * instances were re-read (instances not in the set are deleted), and the checkpoint after it.
   */
  record PageChanges(
      String pass,
      List<StoredEvent> upserts,
      Set<String> deletedIds,
      Set<String> deletedSeries,
      Map<String, Set<String>> replacedSeries,
      @Nullable String nextPageToken,
      @Nullable String nextSyncToken) {}

  /** A filter over stored events with keyset paging. */
  record EventQuery(
      @Nullable String calendarId,
      @Nullable Instant from,
      @Nullable Instant to,
      @Nullable String text,
      @Nullable Cursor after,
      int limit) {}

  /** The position after the last event served. */
  record Cursor(Instant startAt, String calendarId, String eventId) {}
}
