package theo.calendar.approval;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * Calendar changes behind approvals, end to end against the emulator: nothing happens at Google
 * until approval, and approving (even twice at once) changes the calendar exactly once.
 */
@TheoTest
class CalendarApprovalTests {
  private static final AtomicInteger accounts = new AtomicInteger();
  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;

  private record Person(String email, GoogleBrowser browser) {}

  private Person connected() {
    String email = "cal-" + accounts.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Calendar " + accounts.get());
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("calendar", email, Set.of());
    return new Person(email, browser);
  }

  private JsonNode admin(String method, String path, String json) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(
                    method,
                    json == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new GoogleBrowser.Response(200, response.body(), Map.of()).json();
  }

  private long events(Person person) throws Exception {
    JsonNode summary =
        admin("GET", "/emulator/accounts/" + person.email() + "/calendar/summary", null);
    for (JsonNode calendar : summary.get("calendars")) {
      if (calendar.get("id").asString().equals(person.email())) {
        return calendar.get("events").asLong();
      }
    }
    throw new AssertionError("no primary calendar");
  }

  private String seed(Person person, String title, String start, String end) throws Exception {
    return admin(
            "POST",
            "/emulator/accounts/" + person.email() + "/calendar/events",
            "{\"summary\":\"" + title + "\",\"start\":\"" + start + "\",\"end\":\"" + end + "\"}")
        .get("id")
        .asString();
  }

  private GoogleBrowser.Response approve(Person person, String id) {
    return person
        .browser()
        .post("/api/integrations/calendar/approvals/" + id, "{\"action\":\"approve\"}");
  }

  @Test
  void proposeWhenAnotherSyncedCalendarIsBusyThenConflictNamesItsCalendar() throws Exception {
    Person alice = connected();
    alice.browser().awaitSyncEnded("calendar");
    admin(
        "POST",
        "/emulator/accounts/" + alice.email() + "/calendar/generate",
        "{\"calendars\":2,\"eventsPerCalendar\":0,\"seed\":3}");
    GoogleBrowser.Response sync =
        alice.browser().post("/api/integrations/calendar/sync", "{\"type\":\"auto\"}");
    assertThat(sync.status()).as(sync.body()).isEqualTo(202);
    alice.browser().awaitSyncEnded("calendar");
    JsonNode calendars = alice.browser().get("/api/integrations/calendar/calendars").json();
    String other = null;
    for (JsonNode calendar : calendars.get("items")) {
      if (!calendar.get("primary").asBoolean()) {
        other = calendar.get("id").asString();
      }
    }
    assertThat(other).as("a second calendar").isNotNull();
    String path = "/api/integrations/calendar/calendars/" + URLEncoder.encode(other, UTF_8);
    assertThat(alice.browser().put(path, "{\"selected\":true}").status()).isEqualTo(200);
    admin(
        "POST",
        "/emulator/accounts/" + alice.email() + "/calendar/events",
        "{\"calendarId\":\""
            + other
            + "\",\"summary\":\"Dentist\","
            + "\"start\":\"2026-12-02T09:00:00Z\",\"end\":\"2026-12-02T10:00:00Z\"}");
    alice.browser().post("/api/integrations/calendar/sync", "{\"type\":\"auto\"}");
    JsonNode synced = alice.browser().awaitSyncEnded("calendar");
    assertThat(synced.get("status").asString()).isEqualTo("idle");

    GoogleBrowser.Response proposed =
        alice
            .browser()
            .post(
                "/api/integrations/calendar/events",
                "{\"calendarId\":\"primary\",\"title\":\"Call\","
                    + "\"startsAt\":\"2026-12-02T09:30:00Z\",\"endsAt\":\"2026-12-02T10:30:00Z\"}");

    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    JsonNode conflicts = proposed.json().at("/approval/payload/conflicts");
    assertThat(conflicts.size()).as(conflicts.toString()).isEqualTo(1);
    assertThat(conflicts.get(0).get("title").asString()).isEqualTo("Dentist");
    assertThat(conflicts.get(0).get("calendarId").asString()).isEqualTo(other);
  }

  @Test
  void createWhenApprovedThenExactlyOneEventWithConflictsShownBefore() throws Exception {
    Person alice = connected();
    seed(alice, "Standup", "2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z");
    long before = events(alice);

    GoogleBrowser.Response proposed =
        alice
            .browser()
            .post(
                "/api/integrations/calendar/events",
                "{\"calendarId\":\"primary\",\"title\":\"Review\","
                    + "\"startsAt\":\"2026-12-01T10:15:00Z\",\"endsAt\":\"2026-12-01T11:00:00Z\","
                    + "\"attendees\":[\"bob@example.com\"]}");

    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    String id = proposed.json().get("approvalId").asString();
    JsonNode conflicts = proposed.json().at("/approval/payload/conflicts");
    assertThat(conflicts.size()).isEqualTo(1);
    assertThat(conflicts.get(0).get("title").asString()).isEqualTo("Standup");
    assertThat(events(alice)).isEqualTo(before);

    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<GoogleBrowser.Response>> calls = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      calls.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return approve(alice, id);
              }));
    }
    start.countDown();
    for (CompletableFuture<GoogleBrowser.Response> call : calls) {
      assertThat(call.get().status()).as(call.get().body()).isEqualTo(200);
    }

    assertThat(events(alice)).isEqualTo(before + 1);
    GoogleBrowser.Response again = approve(alice, id);
    assertThat(again.json().at("/approval/status").asString()).isEqualTo("executed");
    assertThat(again.json().at("/approval/result/eventId").asString()).isNotBlank();
    assertThat(events(alice)).isEqualTo(before + 1);
  }

  @Test
  void updateAndDeleteWhenApprovedThenGoogleChangesAndRejectChangesNothing() throws Exception {
    Person alice = connected();
    String eventId = seed(alice, "Planning", "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z");
    long before = events(alice);

    GoogleBrowser.Response patch =
        alice
            .browser()
            .api(
                "PATCH",
                "/api/integrations/calendar/events/" + eventId,
                "{\"title\":\"Planning (moved)\",\"startsAt\":\"2026-12-02T11:00:00Z\"}");
    assertThat(patch.status()).as(patch.body()).isEqualTo(201);
    assertThat(patch.json().at("/approval/payload/currentTitle").asString()).isEqualTo("Planning");
    GoogleBrowser.Response patched = approve(alice, patch.json().get("approvalId").asString());
    assertThat(patched.json().at("/approval/status").asString())
        .as(patched.body())
        .isEqualTo("executed");

    GoogleBrowser.Response rejectedDelete =
        alice.browser().delete("/api/integrations/calendar/events/" + eventId);
    assertThat(rejectedDelete.status()).isEqualTo(201);
    alice
        .browser()
        .post(
            "/api/integrations/calendar/approvals/"
                + rejectedDelete.json().get("approvalId").asString(),
            "{\"action\":\"reject\",\"notes\":\"keep it\"}");
    assertThat(events(alice)).isEqualTo(before);

    GoogleBrowser.Response delete =
        alice.browser().delete("/api/integrations/calendar/events/" + eventId);
    GoogleBrowser.Response deleted = approve(alice, delete.json().get("approvalId").asString());
    assertThat(deleted.json().at("/approval/status").asString()).isEqualTo("executed");
    assertThat(events(alice)).isEqualTo(before - 1);

    JsonNode list = alice.browser().get("/api/integrations/calendar/approvals").json();
    assertThat(list.at("/stats/executed").asLong()).isEqualTo(2);
    assertThat(list.at("/stats/rejected").asLong()).isEqualTo(1);
  }

  @Test
  void proposeWhenInputIsInvalidThenBadRequestJson() throws Exception {
    Person alice = connected();
    for (String body :
        List.of(
            "{\"startsAt\":\"2026-12-01T10:00:00Z\"}",
            "{\"title\":\"x\"}",
            "{\"title\":\"x\",\"startsAt\":\"tomorrow\"}",
            "{\"title\":\"x\",\"startsAt\":\"2026-12-01T10:00:00\"}",
            "{\"title\":\"x\",\"startsAt\":\"2026-12-01T10:00:00Z\",\"endsAt\":\"2026-12-01T09:00:00Z\"}",
            "{\"title\":\"x\",\"startsAt\":\"2026-12-01T10:00:00Z\",\"timezone\":\"Mars/Base\"}",
            "{\"title\":\"x\",\"startsAt\":\"2026-12-01T10:00:00Z\",\"attendees\":[\"nope\"]}",
            "{\"title\":\"x\",\"startsAt\":\"2026-12-01T10:00:00Z\",\"recurrence\":[\"FREQ=DAILY\"]}")) {
      GoogleBrowser.Response response =
          alice.browser().post("/api/integrations/calendar/events", body);
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(response.json().at("/error/code").asString())
          .as(body)
          .isEqualTo("VALIDATION_FAILED");
    }
    GoogleBrowser.Response respond =
        alice
            .browser()
            .post("/api/integrations/calendar/events/abc/respond", "{\"response\":\"maybe\"}");
    assertThat(respond.status()).isEqualTo(400);
    GoogleBrowser.Response missing =
        alice.browser().delete("/api/integrations/calendar/events/doesnotexist123");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(
            alice
                .browser()
                .get("/api/integrations/calendar/approvals")
                .json()
                .at("/stats/pending")
                .asLong())
        .isZero();
  }

  @Test
  void respondWhenApprovedThenAnsweredAndDisconnectDropsPendingOnes() throws Exception {
    Person alice = connected();
    GoogleBrowser.Response invite =
        alice
            .browser()
            .post(
                "/api/integrations/calendar/events",
                "{\"title\":\"Offsite\",\"startsAt\":\"2026-12-03T09:00:00Z\","
                    + "\"attendees\":[\""
                    + alice.email()
                    + "\",\"bob@example.com\"]}");
    GoogleBrowser.Response created = approve(alice, invite.json().get("approvalId").asString());
    String eventId = created.json().at("/approval/result/eventId").asString();

    GoogleBrowser.Response respond =
        alice
            .browser()
            .post(
                "/api/integrations/calendar/events/" + eventId + "/respond",
                "{\"response\":\"tentative\"}");
    assertThat(respond.status()).as(respond.body()).isEqualTo(201);
    GoogleBrowser.Response answered = approve(alice, respond.json().get("approvalId").asString());
    assertThat(answered.json().at("/approval/status").asString())
        .as(answered.body())
        .isEqualTo("executed");
    assertThat(answered.json().at("/approval/result/response").asString()).isEqualTo("tentative");

    alice.browser().delete("/api/integrations/calendar/events/" + eventId);
    assertThat(
            alice
                .browser()
                .get("/api/integrations/calendar/approvals?status=pending")
                .json()
                .get("approvals")
                .size())
        .isEqualTo(1);
    long before = events(alice);
    assertThat(alice.browser().delete("/api/integrations/calendar/disconnect").status())
        .isEqualTo(200);
    assertThat(events(alice)).isEqualTo(before);
    GoogleBrowser.Response after = alice.browser().get("/api/integrations/calendar/approvals");
    assertThat(after.json().at("/stats/pending").asLong(-1)).isZero();
  }
}
