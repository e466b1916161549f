package theo.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Theo's users, one per Google account ({@code sub}). */
@Repository
record Users(JdbcClient jdbc, Clock clock) {
  /** Creates the user on first sign-in, refreshes email and name on later ones; returns its id. */
  UUID signedIn(String sub, String email, String name) {
    Instant now = clock.instant();
    return jdbc.sql(
            """
            insert into users (id, google_sub, email, name, created_at, last_sign_in_at)
            values (:id, :sub, :email, :name, :now, :now)
            on conflict (google_sub) do update
              set email = excluded.email, name = excluded.name,
                  last_sign_in_at = excluded.last_sign_in_at
            returning id
            """)
        .param("id", UUID.randomUUID())
        .param("sub", sub)
        .param("email", email)
        .param("name", name)
        .param("now", Jdbc.timestamp(now))
        .query(UUID.class)
        .single();
  }

  Optional<UUID> idOf(String sub) {
    return jdbc.sql("select id from users where google_sub = :sub")
        .param("sub", sub)
        .query(UUID.class)
        .optional();
  }
}
