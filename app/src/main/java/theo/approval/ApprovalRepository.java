package theo.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code approvals} table. Every state change is one conditional UPDATE ... RETURNING. */
@Repository
class ApprovalRepository {
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Map<String, ApprovalExecutor.Action> actions = new HashMap<>();
  private final RowMapper<Approval> rows = this::row;

  ApprovalRepository(JdbcClient jdbc, JsonMapper json, List<ApprovalExecutor> executors) {
    this.jdbc = jdbc;
    this.json = json;
    for (ApprovalExecutor executor : executors) {
      for (ApprovalExecutor.Action action : executor.actions()) {
        actions.put(key(executor.integration(), action.type()), action);
      }
    }
  }

  /** Inserts unless the idempotency key exists; answers false when it did. */
  boolean insert(Approval a) {
    return jdbc.sql(
                """
                insert into approvals (id, user_id, integration, action_type, status, payload,
                  summary, idempotency_key, external_id, created_at, expires_at)
                values (:id, :userId, :integration, :actionType, :status, cast(:payload as jsonb),
                  :summary, :key, :externalId, :createdAt, :expiresAt)
                on conflict (idempotency_key) do nothing
                """)
            .param("id", a.id())
            .param("userId", a.userId())
            .param("integration", a.integration())
            .param("actionType", a.actionType())
            .param("status", a.status().value())
            .param("payload", json.writeValueAsString(a.payload()))
            .param("summary", a.summary())
            .param("key", a.action().idempotencyKey())
            .param("externalId", a.externalId())
            .param("createdAt", Timestamp.from(a.window().createdAt()))
            .param("expiresAt", Timestamp.from(a.window().expiresAt()))
            .update()
        == 1;
  }

  Optional<Approval> find(UUID userId, UUID id) {
    return jdbc.sql("select * from approvals where id = ? and user_id = ?")
        .params(id, userId)
        .query(rows)
        .optional();
  }

  Optional<Approval> findByKey(UUID userId, String key) {
    return jdbc.sql("select * from approvals where idempotency_key = ? and user_id = ?")
        .params(key, userId)
        .query(rows)
        .optional();
  }

  List<Approval> list(
      UUID userId, String integration, Approval.@Nullable Status status, int limit) {
    return jdbc.sql(
            """
            select * from approvals
            where user_id = :userId and integration = :integration
              and (cast(:status as text) is null or status = cast(:status as text))
            order by created_at desc, id
            limit :limit
            """)
        .param("userId", userId)
        .param("integration", integration)
        .param("status", status == null ? null : status.value())
        .param("limit", limit)
        .query(rows)
        .list();
  }

  Map<String, Long> counts(UUID userId, String integration) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Approval.Status status : Approval.Status.values()) {
      counts.put(status.value(), 0L);
    }
    jdbc.sql(
            "select status, count(*) as n from approvals where user_id = ? and integration = ?"
                + " group by status")
        .params(userId, integration)
        .query((rs, n) -> counts.put(rs.getString("status"), rs.getLong("n")))
        .list();
    return counts;
  }

  /**
   * The claim: moves a pending, unexpired approval to {@code executing} in one statement. Of two
   * racing callers only one gets the row; the other waits for the row lock and then matches
   * nothing.
   */
  Optional<Approval> claim(UUID userId, UUID id, @Nullable String notes, Instant now) {
    return decide(userId, id, Approval.Status.EXECUTING, notes, now);
  }

  /**
   * Moves a pending approval to {@code to}: rejected, cancelled, expired, or executing (the claim,
   * which an expired approval no longer allows).
   */
  Optional<Approval> decide(
      UUID userId, UUID id, Approval.Status to, @Nullable String notes, Instant now) {
    return jdbc.sql(
            """
            update approvals set status = :to, decided_at = :now, notes = coalesce(:notes, notes)
            where id = :id and user_id = :userId and status = 'pending'
              and (cast(:to as text) <> 'executing' or expires_at > :now)
            returning *
            """)
        .param("to", to.value())
        .param("now", Timestamp.from(now))
        .param("notes", notes)
        .param("id", id)
        .param("userId", userId)
        .query(rows)
        .optional();
  }

  Approval finish(
      UUID id,
      Approval.Status to,
      @Nullable ApprovalResult result,
      @Nullable String error,
      Instant now) {
    return jdbc.sql(
            """
            update approvals set status = :to, result = cast(:result as jsonb), error = :error,
              executed_at = :now
            where id = :id and status = 'executing'
            returning *
            """)
        .param("to", to.value())
        .param("result", result == null ? null : json.writeValueAsString(result))
        .param("error", error)
        .param("now", Timestamp.from(now))
        .param("id", id)
        .query(rows)
        .single();
  }

  List<Approval> expireOverdue(Instant now) {
    return jdbc.sql(
            """
            update approvals set status = 'expired', decided_at = :now
            where status = 'pending' and expires_at <= :now
            returning *
            """)
        .param("now", Timestamp.from(now))
        .query(rows)
        .list();
  }

  /**
   * Approvals left {@code executing} since before {@code cutoff}: the instance running them died.
   * They become {@code failed}, never run again: the action may or may not have happened at Google.
   */
  List<Approval> failInterrupted(Instant cutoff, Instant now) {
    return jdbc.sql(
            """
            update approvals set status = 'failed', executed_at = :now,
              error = 'Interrupted while running; check Google before asking again'
            where status = 'executing' and decided_at < :cutoff
            returning *
            """)
        .param("now", Timestamp.from(now))
        .param("cutoff", Timestamp.from(cutoff))
        .query(rows)
        .list();
  }

  List<Approval> pending(UUID userId, String integration) {
    return jdbc.sql(
            "select * from approvals where user_id = ? and integration = ? and status = 'pending'")
        .params(userId, integration)
        .query(rows)
        .list();
  }

  int deleteAll(UUID userId, String integration) {
    return jdbc.sql("delete from approvals where user_id = ? and integration = ?")
        .params(userId, integration)
        .update();
  }

  private Approval row(ResultSet rs, int n) throws SQLException {
    String integration = rs.getString("integration");
    String actionType = rs.getString("action_type");
    ApprovalExecutor.Action action = actions.get(key(integration, actionType));
    if (action == null) {
      throw new IllegalStateException("No executor for " + integration + " " + actionType);
    }
    String result = rs.getString("result");
    return new Approval(
        rs.getObject("id", UUID.class),
        new Approval.Action(
            rs.getObject("user_id", UUID.class),
            integration,
            actionType,
            rs.getString("summary"),
            rs.getString("idempotency_key")),
        new ApprovalExecutor.Prepared(
            rs.getString("external_id"), json.readValue(rs.getString("payload"), action.payload())),
        Approval.Status.parse(rs.getString("status")),
        new Approval.Window(
            Objects.requireNonNull(instant(rs, "created_at")),
            Objects.requireNonNull(instant(rs, "expires_at"))),
        new Approval.Decision(rs.getString("notes"), instant(rs, "decided_at")),
        new Approval.Execution(
            result == null ? null : json.readValue(result, action.result()),
            rs.getString("error"),
            instant(rs, "executed_at")));
  }

  private static String key(String integration, String actionType) {
    return integration + " " + actionType;
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
