package theo.integration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL of {@code sync_runs}. The partial unique index allows one active run per user+integration.
 */
@Repository
record SyncRunRepository(JdbcClient jdbc) {
  private static final String COLUMNS =
      "id, user_id, integration, requested_type, ran_as, status, trigger, processed, total, error,"
          + " cancel_requested, queued_at, started_at, finished_at";

  /** The runs of one user's integration, named by :userId and :integration. */
  private static final String FOR_INTEGRATION = "user_id = :userId and integration = :integration";

  // Running without a heartbeat since :before, or queued by the recurring job (which executes its
  // runs at once) before then: the process that owned the run is gone.
  private static final String ORPHANED =
      "((status = 'running' and coalesce(heartbeat_at, started_at) < :before)"
          + " or (status = 'queued' and trigger = 'schedule' and queued_at < :before))";

  /** Queues a run; false when another run of this user and integration is still active. */
  boolean insertQueued(
      UUID id, UUID userId, String integration, String type, String trigger, Instant now) {
    try {
      jdbc.sql(
              """
              insert into sync_runs (id, user_id, integration, requested_type, status, trigger,
                                     queued_at)
              values (:id, :userId, :integration, :type, 'queued', :trigger, :now)
              """)
          .param("id", id)
          .param("userId", userId)
          .param("integration", integration)
          .param("type", type)
          .param("trigger", trigger)
          .param("now", Timestamp.from(now))
          .update();
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  Optional<SyncRunRecord> find(UUID id) {
    return select("id = :id", Map.of("id", id)).optional();
  }

  Optional<SyncRunRecord> active(UUID userId, String integration) {
    return select(
            FOR_INTEGRATION + " and status in ('queued', 'running')",
            Map.of("userId", userId, "integration", integration))
        .optional();
  }

  List<SyncRunRecord> recent(UUID userId, String integration, int limit) {
    return select(
            FOR_INTEGRATION + " order by queued_at desc, id limit :limit",
            Map.of("userId", userId, "integration", integration, "limit", limit))
        .list();
  }

  /** The runs matching {@code where}: a condition, perhaps with an order and a limit after it. */
  private JdbcClient.MappedQuerySpec<SyncRunRecord> select(String where, Map<String, ?> params) {
    return jdbc.sql("select " + COLUMNS + " from sync_runs where " + where)
        .params(params)
        .query(SyncRunRepository::map);
  }

  Optional<Instant> lastSucceeded(UUID userId, String integration, boolean fullOnly) {
    return jdbc.sql(
            "select max(finished_at) from sync_runs where "
                + FOR_INTEGRATION
                + " and status = 'succeeded'"
                + (fullOnly ? " and ran_as = 'full'" : ""))
        .params(Map.of("userId", userId, "integration", integration))
        .query((rs, row) -> rs.getTimestamp(1))
        .optional()
        .map(Timestamp::toInstant);
  }

  /**
   * Moves a queued (or crash-interrupted running) run to running on {@code instance}; false if it
   * is finished.
   */
  boolean markRunning(UUID id, String instance, Instant now) {
    return jdbc.sql(
                """
                update sync_runs
                set status = 'running', started_at = coalesce(started_at, :now), heartbeat_at = :now,
                    ran_on = :instance
                where id = :id and status in ('queued', 'running')
                """)
            .param("id", id)
            .param("instance", instance)
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  void progress(UUID id, long processed, long total, Instant now) {
    jdbc.sql(
            "update sync_runs set processed = :processed, total = :total, heartbeat_at = :now"
                + " where id = :id and status = 'running'")
        .param("id", id)
        .param("processed", processed)
        .param("total", total)
        .param("now", Timestamp.from(now))
        .update();
  }

  boolean cancelRequested(UUID id) {
    return jdbc.sql("select cancel_requested from sync_runs where id = :id")
        .param("id", id)
        .query(Boolean.class)
        .optional()
        .orElse(true);
  }

  /** Flags the active run for cancellation; a run still queued is cancelled at once. */
  Optional<UUID> requestCancel(UUID userId, String integration, Instant now) {
    Optional<SyncRunRecord> active = active(userId, integration);
    active.ifPresent(
        run ->
            jdbc.sql(
                    """
                    update sync_runs
                    set cancel_requested = true,
                        status = case when status = 'queued' then 'cancelled' else status end,
                        finished_at = case when status = 'queued' then :now else finished_at end
                    where id = :id and status in ('queued', 'running')
                    """)
                .param("id", run.id())
                .param("now", Timestamp.from(now))
                .update());
    return active.map(SyncRunRecord::id);
  }

  void finish(
      UUID id,
      String status,
      @Nullable String ranAs,
      @Nullable Long processed,
      @Nullable String error,
      Instant now) {
    jdbc.sql(
            """
            update sync_runs
            set status = :status, ran_as = coalesce(:ranAs, ran_as),
                processed = coalesce(:processed, processed), error = :error, finished_at = :now
            where id = :id and status in ('queued', 'running')
            """)
        .param("id", id)
        .param("status", status)
        .param("ranAs", ranAs)
        .param("processed", processed)
        .param("error", error)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Renews the heartbeat of runs this process executes. */
  void heartbeat(List<UUID> ids, Instant now) {
    jdbc.sql("update sync_runs set heartbeat_at = :now where id = any(:ids) and status = 'running'")
        .param("ids", ids.toArray(UUID[]::new))
        .param("now", Timestamp.from(now))
        .update();
  }

  /**
   * Closes as interrupted the runs whose process is gone: running without a heartbeat since {@code
   * before}, or queued by the recurring job (which executes them at once) before then.
   */
  List<UUID> interruptOrphans(Instant before, Instant now) {
    return jdbc.sql(
            "update sync_runs set status = 'interrupted', finished_at = :now where "
                + ORPHANED
                + " returning id")
        .param("before", Timestamp.from(before))
        .param("now", Timestamp.from(now))
        .query(UUID.class)
        .list();
  }

  /** {@link #interruptOrphans} for one run; true when it was orphaned and is now closed. */
  boolean interruptOrphan(UUID id, Instant before, Instant now) {
    return jdbc.sql(
                "update sync_runs set status = 'interrupted', finished_at = :now where id = :id"
                    + " and "
                    + ORPHANED)
            .param("id", id)
            .param("before", Timestamp.from(before))
            .param("now", Timestamp.from(now))
            .update()
        == 1;
  }

  /** Interrupted runs no run has resumed yet, oldest first. */
  List<SyncRunRecord> toResume(int limit) {
    return select(
            "status = 'interrupted' and resumed_by is null order by finished_at limit :limit",
            Map.of("limit", limit))
        .list();
  }

  /** Records which run resumes an interrupted one; false when another already did. */
  boolean markResumed(UUID id, UUID resumedBy) {
    return jdbc.sql(
                "update sync_runs set resumed_by = :by where id = :id and status = 'interrupted'"
                    + " and resumed_by is null")
            .param("id", id)
            .param("by", resumedBy)
            .update()
        == 1;
  }

  void deleteAll(UUID userId, String integration) {
    jdbc.sql("delete from sync_runs where " + FOR_INTEGRATION)
        .params(Map.of("userId", userId, "integration", integration))
        .update();
  }

  private static SyncRunRecord map(ResultSet rs, int row) throws SQLException {
    return new SyncRunRecord(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("integration"),
        rs.getString("requested_type"),
        rs.getString("ran_as"),
        rs.getString("status"),
        rs.getString("trigger"),
        rs.getLong("processed"),
        rs.getLong("total"),
        rs.getString("error"),
        rs.getBoolean("cancel_requested"),
        Objects.requireNonNull(instant(rs, "queued_at")),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
