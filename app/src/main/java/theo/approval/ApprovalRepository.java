package theo.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code approvals} table. Every state change is one conditional UPDATE ... RETURNING. */
@Repository
class ApprovalRepository {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final RowMapper<Approval> rows = this::row;

  ApprovalRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
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
            .param("key", a.idempotencyKey())
            .param("externalId", a.externalId())
            .param("createdAt", Timestamp.from(a.createdAt()))
            .param("expiresAt", Timestamp.from(a.expiresAt()))
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
    return jdbc.sql(
            """
            update approvals set status = 'executing', decided_at = :now,
              notes = coalesce(:notes, notes)
            where id = :id and user_id = :userId and status = 'pending' and expires_at > :now
            returning *
            """)
        .param("now", Timestamp.from(now))
        .param("notes", notes)
        .param("id", id)
        .param("userId", userId)
        .query(rows)
        .optional();
  }

  /** Moves a pending approval to {@code to} (rejected, cancelled, expired). */
  Optional<Approval> decide(
      UUID userId, UUID id, Approval.Status to, @Nullable String notes, Instant now) {
    return jdbc.sql(
            """
            update approvals set status = :to, decided_at = :now, notes = coalesce(:notes, notes)
            where id = :id and user_id = :userId and status = 'pending'
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
      @Nullable Map<String, Object> result,
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
    return new Approval(
        rs.getObject("id", UUID.class),
        rs.getObject("user_id", UUID.class),
        rs.getString("integration"),
        rs.getString("action_type"),
        Approval.Status.parse(rs.getString("status")),
        map(rs.getString("payload")),
        rs.getString("summary"),
        rs.getString("idempotency_key"),
        rs.getString("external_id"),
        rs.getString("result") == null ? null : map(rs.getString("result")),
        rs.getString("error"),
        rs.getString("notes"),
        instant(rs, "created_at"),
        instant(rs, "expires_at"),
        instant(rs, "decided_at"),
        instant(rs, "executed_at"));
  }

  private Map<String, Object> map(String text) {
    return json.readValue(text, MAP);
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
