package theo.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.auth.GoogleAccounts;
import theo.auth.Scopes;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/** Gmail and Calendar together through the emulator: incremental grants, isolation, safety. */
@TheoTest
class ConnectFlowTests {
  /** Payloads that must never become a redirect target. */
  static final List<String> OPEN_REDIRECTS =
      List.of(
          "//evil.example",
          "https://evil.example",
          "http://evil.example/settings",
          "/\\\\evil.example",
          "\\\\evil.example",
          "javascript:alert(1)",
          "JaVaScRiPt:alert(1)",
          "data:text/html,<script>alert(1)</script>",
          "/%2F%2Fevil.example",
          "/%2f%2fevil.example",
          "/%5Cevil.example",
          "//evil.example/%2e%2e",
          "/settings/../../evil",
          "https:evil.example",
          "  /settings",
          "/settings\\r\\nLocation: https://evil.example",
          "/@evil.example",
          "evil.example",
          "%2F%2Fevil.example",
          "/settings#@evil.example");

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired GoogleAccounts accounts;
  @Autowired JdbcClient jdbc;

  @Test
  void connectWhenGmailThenCalendarThenSecondTokenCarriesBothScopeSets() {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    browser.connect("calendar", email, Set.of());

    JsonNode status = browser.get("/api/integrations/status").json();
    List<String> granted = strings(status.path("google").get("grantedScopes"));
    assertThat(granted).containsAll(Scopes.GMAIL).containsAll(Scopes.CALENDAR);
    assertThat(status.path("integrations").path("gmail").path("connected").asBoolean()).isTrue();
    assertThat(status.path("integrations").path("calendar").path("connected").asBoolean()).isTrue();
  }

  @Test
  void connectWhenCalendarEventsUntickedThenLimitedAccessNamesIt() {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("calendar", email, Set.of(Scopes.CALENDAR_EVENTS));

    JsonNode calendar = browser.get("/api/integrations/calendar/connect").json();
    assertThat(calendar.get("connected").asBoolean()).isTrue();
    assertThat(calendar.get("hasRequiredScopes").asBoolean()).isFalse();
    assertThat(strings(calendar.get("missingScopes"))).containsExactly(Scopes.CALENDAR_EVENTS);
    JsonNode status = browser.get("/api/integrations/status").json().path("integrations");
    assertThat(status.path("calendar").path("canWrite").asBoolean()).isFalse();
    assertThat(status.path("calendar").path("canRead").asBoolean()).isTrue();
  }

  @Test
  void disconnectWhenCalendarThenGmailKeepsWorkingAndLastDisconnectRevokesOnce() {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    browser.connect("calendar", email, Set.of());
    UUID userId = userIdOf(email);
    long revocations = emulator.stats().get("revocations");

    browser.delete("/api/integrations/calendar/disconnect");

    assertThat(browser.get("/api/integrations/gmail/connect").json().get("connected").asBoolean())
        .isTrue();
    long refreshes = emulator.stats().get("refreshes");
    expireStoredToken(userId);
    assertThat(accounts.validAccessToken(userId).value()).isNotBlank();
    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);
    assertThat(emulator.stats().get("revocations")).isEqualTo(revocations);

    browser.delete("/api/integrations/gmail/disconnect");

    assertThat(emulator.stats().get("revocations")).isEqualTo(revocations + 1);
    assertThat(
            jdbc.sql(
                    "select count(*) from google_accounts where user_id = :id"
                        + " and (access_token is not null or refresh_token is not null)")
                .param("id", userId)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void connectWhenRedirectUrlIsNotALocalPathThenRefusedAndNothingStarts() {
    List<String> accepted = new ArrayList<>();
    GoogleBrowser browser = null;
    for (int i = 0; i < OPEN_REDIRECTS.size(); i++) {
      if (i % 4 == 0) {
        browser = new GoogleBrowser(port);
        browser.signIn(newAccount());
      }
      String payload = OPEN_REDIRECTS.get(i);
      GoogleBrowser.Response response =
          browser.post(
              "/api/integrations/gmail/connect",
              "{\"redirectUrl\":\"" + payload.replace("\"", "\\\"") + "\"}");
      if (response.status() != 400
          || !"INVALID_REDIRECT_URL"
              .equals(response.json().path("error").path("code").asString())) {
        accepted.add(payload + " -> " + response.status());
      }
    }
    assertThat(accepted).isEmpty();
    assertThat(OPEN_REDIRECTS).hasSizeGreaterThanOrEqualTo(15);
  }

  @Test
  void authorizationUrlWhenCallbackUrlIsForeignThenReturnsToTheIntegrationPage() {
    String email = newAccount();
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    String landed =
        browser.authorize(
            "http://localhost:"
                + port
                + "/oauth2/authorization/google?integration=gmail&callbackUrl="
                + URLEncoder.encode("https://evil.example/steal", StandardCharsets.UTF_8),
            email,
            Set.of(),
            true);
    assertThat(landed)
        .isEqualTo("http://localhost:" + port + "/settings/integrations/gmail?connected=gmail");
  }

  @Test
  void writesWhenCsrfTokenMissingThenForbidden() {
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(newAccount());
    GoogleBrowser.Response post =
        browser.withoutCsrf().post("/api/integrations/gmail/connect", "{}");
    GoogleBrowser.Response delete =
        browser.withoutCsrf().delete("/api/integrations/gmail/disconnect");
    assertThat(post.status()).isEqualTo(403);
    assertThat(delete.status()).isEqualTo(403);
  }

  @Test
  void integrationsWhenAnotherUserSignedInThenNeitherSeenNorChanged() {
    String aliceEmail = newAccount();
    GoogleBrowser alice = new GoogleBrowser(port);
    alice.signIn(aliceEmail);
    alice.connect("gmail", aliceEmail, Set.of());
    GoogleBrowser bob = new GoogleBrowser(port);
    bob.signIn(newAccount());

    assertThat(
            bob.get("/api/integrations/status")
                .json()
                .path("integrations")
                .path("gmail")
                .path("connected")
                .asBoolean())
        .isFalse();
    bob.delete("/api/integrations/gmail/disconnect");
    assertThat(bob.get("/api/audit").json().toString()).doesNotContain(aliceEmail);

    assertThat(alice.get("/api/integrations/gmail/connect").json().get("connected").asBoolean())
        .isTrue();
  }

  private void expireStoredToken(UUID userId) {
    jdbc.sql("update google_accounts set access_token_expires_at = :soon where user_id = :userId")
        .param("soon", Timestamp.from(Instant.now().plusSeconds(5)))
        .param("userId", userId)
        .update();
  }

  private UUID userIdOf(String email) {
    return jdbc.sql("select id from users where email = :email")
        .param("email", email)
        .query(UUID.class)
        .single();
  }

  private String newAccount() {
    String email = "flow-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Flow Test");
    return email;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asString()));
    return values;
  }
}
