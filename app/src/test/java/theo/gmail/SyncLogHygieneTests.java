package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.auth.GoogleAccounts;
import theo.auth.TokenCipher;
import theo.emulator.GoogleEmulator;
import theo.gmail.GmailTestSupport.Person;
import tools.jackson.databind.JsonNode;

/**
 * A full Gmail sync that fails on a database constraint leaves no message content and no token in
 * the log, and shows the person words rather than SQL.
 */
@TheoTest
@ExtendWith(OutputCaptureExtension.class)
class SyncLogHygieneTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;
  @Autowired GoogleAccounts googleAccounts;
  @Autowired GmailQuota quota;
  @Autowired TokenCipher cipher;

  GmailTestSupport support;
  String constraint;

  @BeforeEach
  void setUp() throws Exception {
    support = new GmailTestSupport(port, emulator, jdbc, googleAccounts);
    support.quota(quota, 1_000_000);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (constraint != null) {
      jdbc.sql("alter table gmail_messages drop constraint if exists " + constraint).update();
    }
    support.quota(quota, GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE);
  }

  @Test
  void fullSyncFailingOnADatabaseConstraintLogsNoBodiesNoTokensAndShowsWordsNotSql(
      CapturedOutput output) throws Exception {
    Person person = support.connect("hygiene", true);
    support.generate(person.email(), 300, 41);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String body = "confidential-body-" + UUID.randomUUID();
      bodies.add(body);
      support.deliver(person.email(), "Quarterly numbers " + i, body, null);
    }
    String poisonBody = "poisoned-body-" + UUID.randomUUID();
    bodies.add(poisonBody);
    support.deliver(person.email(), "Poison", poisonBody, null);
    // Refuses the one message, so the batch carrying it fails with "Failing row contains".
    constraint = "hygiene_" + person.userId().toString().replace("-", "");
    jdbc.sql(
            "alter table gmail_messages add constraint "
                + constraint
                + " check (user_id <> '"
                + person.userId()
                + "' or subject <> 'Poison') not valid")
        .update();
    GoogleBrowser browser = new GoogleBrowser("http://localhost:" + port, person.cookies());

    assertThat(browser.post("/api/integrations/gmail/sync", "{\"type\":\"full\"}").status())
        .isEqualTo(202);
    JsonNode status = browser.awaitSyncEnded("gmail");

    assertThat(status.path("status").asString()).isEqualTo("error");
    String shown = status.path("error").asString();
    assertThat(shown)
        .isNotBlank()
        .doesNotContainIgnoringCase("sql")
        .doesNotContainIgnoringCase("insert")
        .doesNotContain("gmail_messages")
        .doesNotContain(constraint)
        .doesNotContain("Exception");
    assertThat(status.path("history").get(0).path("error").asString()).isEqualTo(shown);

    String log = output.getAll();
    assertThat(log).contains("Sync run").doesNotContain("Failing row contains");
    for (String body : bodies) {
      assertThat(log).doesNotContain(body).doesNotContain(hex(body)).doesNotContain(base64(body));
    }
    for (String token : tokensOf(person.userId())) {
      assertThat(log).doesNotContain(token);
    }
    assertThat(log).doesNotContain("Bearer ").doesNotContainIgnoringCase("authorization: ");
  }

  private List<String> tokensOf(UUID userId) {
    return jdbc.sql(
            "select access_token, refresh_token from google_accounts where user_id = :userId")
        .param("userId", userId)
        .query(
            (row, n) ->
                List.of(
                    cipher.decrypt(row.getBytes("access_token")),
                    cipher.decrypt(row.getBytes("refresh_token"))))
        .single();
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8))
        .substring(0, 24);
  }
}
