package theo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.TestAccounts;

/**
 * The sync panel says whether live updates are on and when Google last notified Theo: on while an
 * open channel has been notified, off once the channels expired.
 */
class LiveUpdatesPanelTests extends BrowserTest {
  @Autowired JdbcClient jdbc;

  @Test
  void syncPanelWhenChannelsOpenThenLiveUpdatesOnWithLastNotificationAndOffWhenExpired() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, email);
      connect(page, email, "calendar");
      UUID userId = new TestAccounts(emulator, jdbc).userIdOf(email);
      Instant notifiedAt = Instant.now().minus(Duration.ofMinutes(2));
      ensureNotifiedChannel(userId, notifiedAt);

      page.reload();
      assertThat(page.locator("#sync-live"))
          .hasText(
              Pattern.compile("^On: "), new LocatorAssertions.HasTextOptions().setTimeout(30_000));
      assertThat(page.locator("#sync-last-push")).not().hasText("None yet");
      screenshots(page, "calendar-live-updates");

      jdbc.sql(
              "update push_channels set expires_at = :past where user_id = :userId"
                  + " and integration = 'calendar'")
          .param("past", Timestamp.from(Instant.now().minusSeconds(1)))
          .param("userId", userId)
          .update();
      page.reload();
      assertThat(page.locator("#sync-live")).hasText(Pattern.compile("^Off: "));
    }
  }

  /** The channels the connect opened, marked notified; one inserted if none opened yet. */
  private void ensureNotifiedChannel(UUID userId, Instant notifiedAt) {
    int updated =
        jdbc.sql(
                "update push_channels set last_notified_at = :at where user_id = :userId"
                    + " and integration = 'calendar'")
            .param("at", Timestamp.from(notifiedAt))
            .param("userId", userId)
            .update();
    if (updated == 0) {
      Instant now = Instant.now();
      jdbc.sql(
              """
              insert into push_channels (id, user_id, integration, resource, delivery, token_hash,
                  created_at, expires_at, renew_at, last_notified_at)
              values (:id, :userId, 'calendar', 'events:primary', 'web_hook', :hash, :now,
                  :expires, :expires, :at)
              """)
          .param("id", UUID.randomUUID())
          .param("userId", userId)
          .param("hash", new byte[32])
          .param("now", Timestamp.from(now))
          .param("expires", Timestamp.from(now.plus(Duration.ofDays(1))))
          .param("at", Timestamp.from(notifiedAt))
          .update();
    }
  }
}
