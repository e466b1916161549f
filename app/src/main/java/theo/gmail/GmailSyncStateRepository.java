package theo.gmail;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where Gmail's sync stands for each user ({@code gmail_sync_state}: the historyId incremental sync
 * continues from, a full sync's generation and checkpoint) and what it is asked to sync ({@code
 * gmail_sync_settings}). The mail itself is {@link GmailRepository}'s.
 */
@Repository
record GmailSyncStateRepository(JdbcClient jdbc) {
  Optional<SyncState> state(UUID userId) {
    return jdbc.sql(
            """
            select history_id, generation, full_generation, full_history_id, full_page_token,
                   full_listed, full_processed, last_full_sync_at, max_age_days,
                   full_received_after
            from gmail_sync_state where user_id = :userId
            """)
        .param("userId", userId)
        .query(
            (rs, row) ->
                new SyncState(
                    (Long) rs.getObject("history_id"),
                    rs.getLong("generation"),
                    (Long) rs.getObject("full_generation"),
                    (Long) rs.getObject("full_history_id"),
                    rs.getString("full_page_token"),
                    rs.getBoolean("full_listed"),
                    rs.getLong("full_processed"),
                    instant(rs.getTimestamp("last_full_sync_at")),
                    (Integer) rs.getObject("max_age_days"),
                    instant(rs.getTimestamp("full_received_after"))))
        .optional();
  }

  /**
   * Opens the checkpoint of a new full sync with the next generation; returns that generation. The
   * stored copy follows {@code maxAgeDays} from now on; the sync lists mail received at or after
   * {@code receivedAfter} (null: the whole mailbox).
   */
  long startFullSync(
      UUID userId,
      long historyId,
      @Nullable Integer maxAgeDays,
      @Nullable Instant receivedAfter,
      Instant now) {
    return jdbc.sql(
            """
            insert into gmail_sync_state (user_id, generation, full_generation, full_history_id,
                                          full_started_at, max_age_days, full_received_after,
                                          updated_at)
            values (:userId, 1, 1, :historyId, :now, :maxAgeDays, :receivedAfter, :now)
            on conflict (user_id) do update set
              generation = gmail_sync_state.generation + 1,
              full_generation = gmail_sync_state.generation + 1,
              full_history_id = :historyId, full_page_token = null, full_listed = false,
              full_processed = 0, full_started_at = :now, max_age_days = :maxAgeDays,
              full_received_after = :receivedAfter, updated_at = :now
            returning generation
            """)
        .param("userId", userId)
        .param("historyId", historyId)
        .param("maxAgeDays", maxAgeDays, Types.INTEGER)
        .param("receivedAfter", timestamp(receivedAfter), Types.TIMESTAMP)
        .param("now", Timestamp.from(now))
        .query(Long.class)
        .single();
  }

  /** Records a committed page of a full sync: where to continue, and how far it got. */
  void checkpoint(UUID userId, @Nullable String nextPageToken, long processed, Instant now) {
    updateState(
            "full_page_token = :token, full_listed = :listed, full_processed = :processed",
            userId,
            now)
        .param("token", nextPageToken)
        .param("listed", nextPageToken == null)
        .param("processed", processed)
        .update();
  }

  /**
   * Ends a full sync: its start historyId becomes the point incremental sync continues from. Run it
   * in the transaction that sweeps the mailbox ({@link GmailRepository#sweep}).
   */
  void finishFullSync(UUID userId, long historyId, Instant now) {
    updateState(
            """
            history_id = :historyId, full_generation = null, full_history_id = null,
            full_page_token = null, full_listed = false, full_processed = 0,
            full_started_at = null, full_received_after = null, last_full_sync_at = :now\
            """,
            userId,
            now)
        .param("historyId", historyId)
        .update();
  }

  void historyId(UUID userId, long historyId, Instant now) {
    updateState("history_id = :historyId", userId, now).param("historyId", historyId).update();
  }

  /**
   * {@code update gmail_sync_state set assignments, updated_at = :now where user_id = :userId},
   * with the user and the time bound: the caller binds what {@code assignments} names.
   */
  private JdbcClient.StatementSpec updateState(String assignments, UUID userId, Instant now) {
    return jdbc.sql(
            "update gmail_sync_state set "
                + assignments
                + ", updated_at = :now where user_id = :userId")
        .param("userId", userId)
        .param("now", Timestamp.from(now));
  }

  // ---- settings ----

  /** How many days back the user's mail is synced; empty means the whole mailbox. */
  Optional<Integer> maxAgeDays(UUID userId) {
    return jdbc.sql("select max_age_days from gmail_sync_settings where user_id = :userId")
        .param("userId", userId)
        .query((rs, row) -> Optional.ofNullable((Integer) rs.getObject(1)))
        .optional()
        .flatMap(value -> value);
  }

  void maxAgeDays(UUID userId, @Nullable Integer days, Instant now) {
    jdbc.sql(
            """
            insert into gmail_sync_settings (user_id, max_age_days, updated_at)
            values (:userId, :days, :now)
            on conflict (user_id) do update set
              max_age_days = excluded.max_age_days, updated_at = excluded.updated_at
            """)
        .param("userId", userId)
        .param("days", days, Types.INTEGER)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Forgets where the user's sync stands and their settings. */
  void deleteAll(UUID userId) {
    for (String table : List.of("gmail_sync_state", "gmail_sync_settings")) {
      jdbc.sql("delete from " + table + " where user_id = :userId")
          .param("userId", userId)
          .update();
    }
  }

  private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  /**
   * Where sync continues for a user; the {@code full*} fields are a full sync's checkpoint. {@code
   * maxAgeDays} is the setting the stored copy follows.
   */
  record SyncState(
      @Nullable Long historyId,
      long generation,
      @Nullable Long fullGeneration,
      @Nullable Long fullHistoryId,
      @Nullable String fullPageToken,
      boolean fullListed,
      long fullProcessed,
      @Nullable Instant lastFullSyncAt,
      @Nullable Integer maxAgeDays,
      @Nullable Instant fullReceivedAfter) {

    boolean fullSyncInProgress() {
      return fullGeneration != null;
    }
  }
}
