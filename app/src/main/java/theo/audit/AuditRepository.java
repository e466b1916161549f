package theo.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the audit log: insert and keyset-paginated reads, newest first. */
@Repository
record AuditRepository(JdbcClient jdbc) {
  void insert(
      UUID userId,
      Instant occurredAt,
      String action,
      @Nullable String integration,
      AuditEntry.Outcome outcome,
      @Nullable String detail) {
    jdbc.sql(
            """
            insert into audit_events (user_id, occurred_at, action, integration, outcome, detail)
            values (:userId, :occurredAt, :action, :integration, :outcome, :detail)
            """)
        .param("userId", userId)
        .param("occurredAt", Timestamp.from(occurredAt))
        .param("action", action)
        .param("integration", integration)
        .param("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .param("detail", detail)
        .update();
  }

  /** Up to {@code limit} entries of a user older than the cursor (or the newest ones). */
  List<AuditEntry> page(UUID userId, @Nullable AuditCursor before, int limit) {
    return jdbc.sql(
            """
            select id, user_id, occurred_at, action, integration, outcome, detail
            from audit_events
            where user_id = :userId
              and (cast(:beforeTime as timestamptz) is null
                   or (occurred_at, id) < (cast(:beforeTime as timestamptz), :beforeId))
            order by occurred_at desc, id desc
            limit :limit
            """)
        .param("userId", userId)
        .param("beforeTime", before == null ? null : Timestamp.from(before.occurredAt()))
        .param("beforeId", before == null ? 0L : before.id())
        .param("limit", limit)
        .query(AuditRepository::map)
        .list();
  }

  long count(UUID userId) {
    return jdbc.sql("select count(*) from audit_events where user_id = :userId")
        .param("userId", userId)
        .query(Long.class)
        .single();
  }

  private static AuditEntry map(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getLong("id"),
        rs.getObject("user_id", UUID.class),
        rs.getTimestamp("occurred_at").toInstant(),
        rs.getString("action"),
        rs.getString("integration"),
        AuditEntry.Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
        rs.getString("detail"));
  }
}
