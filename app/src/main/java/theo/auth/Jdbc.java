package theo.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Conversions between {@code timestamptz} columns and {@link Instant}, and the stamped update of
 * one user's rows.
 */
final class Jdbc {
  private Jdbc() {}

  static @Nullable OffsetDateTime timestamp(@Nullable Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /**
   * {@code update table set assignments, updated_at = :now where user_id = :userId}: changes one
   * user's rows and stamps them with the time of the change.
   */
  static void updateUser(
      JdbcClient jdbc, String table, String assignments, UUID userId, Instant now) {
    jdbc.sql(
            "update "
                + table
                + " set "
                + assignments
                + ", updated_at = :now where user_id = :userId")
        .param("userId", userId)
        .param("now", timestamp(now))
        .update();
  }

  static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
