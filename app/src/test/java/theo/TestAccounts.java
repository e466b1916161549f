package theo;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.emulator.GoogleEmulator;

/** Fresh emulator accounts per test, and the few direct reads/writes tests need on their rows. */
public final class TestAccounts {
  private final GoogleEmulator emulator;
  private final JdbcClient jdbc;

  public TestAccounts(GoogleEmulator emulator, JdbcClient jdbc) {
    this.emulator = emulator;
    this.jdbc = jdbc;
  }

  /** A new Google account at the emulator, unique per call. */
  public String create(String prefix) {
    String email = prefix + "-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, prefix);
    return email;
  }

  /** Theo's user id for a Google account that has signed in. */
  public UUID userIdOf(String email) {
    return jdbc.sql("select id from users where email = :email")
        .param("email", email)
        .query(UUID.class)
        .single();
  }

  /** Makes the stored access token about to expire, so the next use refreshes it. */
  public void expireAccessToken(UUID userId) {
    jdbc.sql("update google_accounts set access_token_expires_at = :soon where user_id = :userId")
        .param("soon", Timestamp.from(Instant.now().plusSeconds(5)))
        .param("userId", userId)
        .update();
  }

  /** How many token columns are still filled for the account (0 once tokens are dropped). */
  public long storedTokens(String email) {
    return jdbc.sql(
            "select count(*) from google_accounts where email = :email"
                + " and (access_token is not null or refresh_token is not null)")
        .param("email", email)
        .query(Long.class)
        .single();
  }
}
