package theo.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.auth.GoogleAccounts;
import theo.emulator.Faults;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * Google refusing a token before its local expiry, end to end: the app's HTTP API, its sync runs,
 * the Google module's clients and the emulator's OAuth, Gmail and Calendar surfaces.
 */
@TheoTest
class GoogleTokenRecoveryTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired GoogleAccounts accounts;

  private final HttpClient admin = HttpClient.newHttpClient();

  @AfterEach
  void clearFaults() {
    emulator.context().faults().clear();
  }

  @Test
  void gmailAndCalendarSyncWhenGoogleExpiredTheAccessTokensThenEachSucceedsAfterOneRefresh()
      throws Exception {
    String email = newAccount("expired");
    GoogleBrowser person = connected(email, "gmail", "calendar");
    admin("POST", email, "gmail/generate", "{\"count\":300,\"seed\":5}");
    admin(
        "POST",
        email,
        "calendar/generate",
        "{\"calendars\":2,\"eventsPerCalendar\":20,\"seed\":7}");

    expireAccessTokens(email);
    long refreshes = emulator.stats().get("refreshes");
    JsonNode gmail = syncAndWait(person, "gmail");

    assertThat(gmail.path("status").asString()).isEqualTo("succeeded");
    assertThat(gmail.path("processed").asLong()).isGreaterThanOrEqualTo(300);
    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 1);

    expireAccessTokens(email);
    JsonNode calendar = syncAndWait(person, "calendar");

    assertThat(calendar.path("status").asString()).isEqualTo("succeeded");
    assertThat(calendar.path("processed").asLong()).isPositive();
    assertThat(emulator.stats().get("refreshes")).isEqualTo(refreshes + 2);
  }

  @Test
  void syncWhenTheGrantWasRevokedAtGoogleThenPlainWordsReconnectRequiredPausedAndAudited()
      throws Exception {
    String email = newAccount("revoked");
    GoogleBrowser person = connected(email, "gmail");
    revokeAtGoogle(email);

    JsonNode run = syncAndWait(person, "gmail");

    assertThat(run.path("status").asString()).isEqualTo("failed");
    assertPlainWords(run.path("error").asString());
    assertThat(run.path("error").asString()).contains("connect Google again");
    JsonNode status = person.get("/api/integrations/status").json();
    assertThat(status.path("google").path("reconnectRequired").asBoolean()).isTrue();
    assertThat(status.path("integrations").path("gmail").path("reconnectRequired").asBoolean())
        .isTrue();
    assertThat(person.get("/api/integrations/gmail/sync").json().path("status").asString())
        .isEqualTo("paused");
    GoogleBrowser.Response again =
        person.post("/api/integrations/gmail/sync", "{\"type\":\"incremental\"}");
    assertThat(again.status()).isEqualTo(409);
    // refused before any run starts: the integration is not connected while the grant is refused
    assertThat(again.json().path("error").path("code").asString())
        .isIn("NOT_CONNECTED", "SYNC_PAUSED");
    JsonNode audit = person.get("/api/audit").json().path("items");
    assertThat(audit.findValuesAsString("action")).contains("google.token.refresh_failed");
  }

  @Test
  void readsAndActionsWhenTheGrantWasRevokedAtGoogleThenConflictReconnectRequired()
      throws Exception {
    String reader = newAccount("reader");
    GoogleBrowser reading = connected(reader, "gmail");
    revokeAtGoogle(reader);

    GoogleBrowser.Response drafts = reading.get("/api/integrations/gmail/drafts");

    assertReconnectRequired(drafts);
    UUID readerId = userIdOf(reading);
    assertThat(accounts.find(readerId).orElseThrow().reconnectRequired()).isTrue();

    String actor = newAccount("actor");
    GoogleBrowser acting = connected(actor, "gmail");
    GoogleBrowser.Response created =
        acting.post(
            "/api/integrations/gmail/approvals",
            "{\"to\":\"bob@example.com\",\"subject\":\"Lunch\",\"body\":\"Noon?\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String approvalId = created.json().path("approval").path("id").asString();
    revokeAtGoogle(actor);

    GoogleBrowser.Response approved =
        acting.post("/api/integrations/gmail/approvals/" + approvalId, "{\"action\":\"approve\"}");

    assertReconnectRequired(approved);
    assertThat(accounts.find(userIdOf(acting)).orElseThrow().reconnectRequired()).isTrue();
  }

  @Test
  void calendarSyncWhenGoogleRefusesARequestThenTheRunRecordsPlainWords() throws Exception {
    String email = newAccount("refused");
    GoogleBrowser person = connected(email, "calendar");
    admin(
        "POST", email, "calendar/generate", "{\"calendars\":1,\"eventsPerCalendar\":5,\"seed\":3}");
    emulator
        .context()
        .faults()
        .replace(
            List.of(new Faults.Rule("/calendar/v3/calendars/.*/events", "GET", 400, 0, false, 1)));

    JsonNode run = syncAndWait(person, "calendar");

    assertThat(run.path("status").asString()).isEqualTo("failed");
    assertThat(run.path("error").asString())
        .isEqualTo("Google Calendar refused the request as invalid; check what was entered");
    assertPlainWords(person.get("/api/integrations/calendar/sync").json().path("error").asString());
  }

  /** No HTTP dump, internal URL or JSON body in what a person reads. */
  private static void assertPlainWords(String message) {
    assertThat(message)
        .isNotBlank()
        .doesNotContainIgnoringCase("http")
        .doesNotContain("127.0.0.1")
        .doesNotContain("{");
  }

  private static void assertReconnectRequired(GoogleBrowser.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(409);
    JsonNode error = response.json().path("error");
    assertThat(error.path("code").asString()).isEqualTo("RECONNECT_REQUIRED");
    assertPlainWords(error.path("message").asString());
  }

  private String newAccount(String prefix) {
    String email = prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    emulator.accounts().create(email, prefix);
    return email;
  }

  /** Signs in as {@code email} and connects the integrations, waiting for their first syncs. */
  private GoogleBrowser connected(String email, String... integrations) {
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    for (String integration : integrations) {
      assertThat(browser.connect(integration, email, Set.of()))
          .contains("connected=" + integration);
      browser.awaitSyncEnded(integration);
    }
    return browser;
  }

  private static UUID userIdOf(GoogleBrowser browser) {
    return UUID.fromString(
        browser.get("/api/integrations/status").json().path("user").path("id").asString());
  }

  /** Starts a full sync over the API and waits for that run to end; answers the run. */
  private static JsonNode syncAndWait(GoogleBrowser person, String integration)
      throws InterruptedException {
    GoogleBrowser.Response started =
        person.post("/api/integrations/" + integration + "/sync", "{\"type\":\"full\"}");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String runId = started.json().path("runId").asString();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      JsonNode status = person.get("/api/integrations/" + integration + "/sync").json();
      for (JsonNode run : status.path("history")) {
        String state = run.path("status").asString();
        if (runId.equals(run.path("id").asString())
            && !state.equals("queued")
            && !state.equals("running")) {
          return run;
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Run " + runId + " of " + integration + " did not end");
  }

  private void expireAccessTokens(String email) throws Exception {
    JsonNode expired = admin("POST", email, "tokens/expire", null);
    assertThat(expired.path("expiredAccessTokens").asInt()).isPositive();
  }

  /** As if the person removed Theo in their Google Account: Google's side only. */
  private void revokeAtGoogle(String email) throws Exception {
    admin("POST", email, "revoke", null);
  }

  private JsonNode admin(String method, String email, String path, String json) throws Exception {
    HttpResponse<String> response =
        admin.send(
            HttpRequest.newBuilder(
                    URI.create(emulator.baseUrl() + "/emulator/accounts/" + email + "/" + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path).isBetween(200, 299);
    return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
  }
}
