package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.TheoApplication;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;
import theo.integration.IntegrationSync;
import theo.integration.Integrations;
import theo.integration.spi.Integration;
import theo.integration.spi.SyncType;

/**
 * Key rotation across restarts on one database and one (standalone) emulator: a new key put first
 * re-encrypts every stored token, after which the old key can go and everything still works.
 */
class TokenRotationTests {
  @TempDir Path dataDir;

  @Test
  void newKeyFirstWhenStartedThenTokensReEncryptedAndTheOldKeyCanBeRemoved() throws Exception {
    String oldKey = TokenCipher.Key.generate("old-1").toSpec();
    String newKey = TokenCipher.Key.generate("new-2").toSpec();
    try (GoogleEmulator emulator = GoogleEmulator.start(EmulatorOptions.defaults())) {
      String email = "rotation-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      emulator.accounts().create(email, "Rotation");
      UUID userId;
      try (ConfigurableApplicationContext app = start(emulator, oldKey)) {
        GoogleBrowser browser = new GoogleBrowser(port(app));
        browser.signIn(email);
        assertThat(browser.connect("gmail", email, Set.of())).contains("connected=gmail");
        browser.awaitSyncEnded("gmail");
        userId =
            UUID.fromString(
                browser.get("/api/integrations/status").json().at("/user/id").asString());
        assertThat(keyIds(app, userId)).containsExactly("old-1", "old-1");
      }

      try (ConfigurableApplicationContext app = start(emulator, newKey + "," + oldKey)) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!keyIds(app, userId).equals(List.of("new-2", "new-2"))
            && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertThat(keyIds(app, userId)).containsExactly("new-2", "new-2");
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        assertThat(meters.get("theo.crypto.tokens.re-encrypted").counter().count())
            .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("theo.crypto.tokens.awaiting-re-encryption").gauge().value())
            .isZero();
      }

      try (ConfigurableApplicationContext app = start(emulator, newKey)) {
        // Locally expired: the next Google call must decrypt the refresh token and refresh.
        app.getBean(JdbcClient.class)
            .sql(
                "update google_accounts set access_token_expires_at = now() - interval '1 hour'"
                    + " where user_id = :userId")
            .param("userId", userId)
            .update();
        long refreshes = emulator.stats().get("refreshes");
        IntegrationSync sync = app.getBean(IntegrationSync.class);
        Integration gmail = app.getBean(Integrations.class).require("gmail");

        sync.start(userId, gmail, SyncType.FULL, "test");

        IntegrationSync.SyncStatus status = awaitIdle(sync, userId, gmail);
        assertThat(status.error()).isNull();
        assertThat(status.history().get(0).status()).isEqualTo("succeeded");
        assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);
        assertThat(keyIds(app, userId)).containsExactly("new-2", "new-2");
      }
    }
  }

  private ConfigurableApplicationContext start(GoogleEmulator emulator, String keys) {
    String base = emulator.baseUrl();
    // Command-line arguments: they outrank application.yml (builder properties would not).
    return new SpringApplicationBuilder(TheoApplication.class)
        .run(
            "--server.port=0",
            "--management.server.port=0",
            "--theo.data-dir=" + dataDir,
            "--theo.embedded-postgres.persistent=true",
            "--theo.google.emulator.enabled=false",
            "--theo.google.client-id=" + EmulatorOptions.DEFAULT_CLIENT_ID,
            "--theo.google.client-secret=" + EmulatorOptions.DEFAULT_CLIENT_SECRET,
            "--theo.google.authorization-uri=" + base + "/o/oauth2/v2/auth",
            "--theo.google.token-uri=" + base + "/token",
            "--theo.google.revoke-uri=" + base + "/revoke",
            "--theo.google.userinfo-uri=" + base + "/oauth2/v3/userinfo",
            "--theo.google.jwks-uri=" + base + "/oauth2/v3/certs",
            "--theo.google.issuer-uri=" + base,
            "--theo.google.root-urls.gmail=" + base + "/",
            "--theo.google.root-urls.people=" + base + "/",
            "--theo.google.root-urls.calendar=" + base + "/",
            "--theo.crypto.keys=" + keys);
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  /** The key ids named in the user's access and refresh token ciphertexts. */
  private static List<String> keyIds(ConfigurableApplicationContext app, UUID userId) {
    return app.getBean(JdbcClient.class)
        .sql(
            """
            select convert_from(substring(access_token from 3 for get_byte(access_token, 1)),
                       'UTF8') as access_key,
                   convert_from(substring(refresh_token from 3 for get_byte(refresh_token, 1)),
                       'UTF8') as refresh_key
            from google_accounts where user_id = :userId
            """)
        .param("userId", userId)
        .query((row, n) -> List.of(row.getString("access_key"), row.getString("refresh_key")))
        .single();
  }

  private static IntegrationSync.SyncStatus awaitIdle(
      IntegrationSync sync, UUID userId, Integration gmail) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    IntegrationSync.SyncStatus status = sync.status(userId, gmail);
    while (status.status().equals("running") && System.nanoTime() < deadline) {
      Thread.sleep(200);
      status = sync.status(userId, gmail);
    }
    return status;
  }
}
