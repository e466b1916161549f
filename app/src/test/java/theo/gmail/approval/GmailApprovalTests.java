package theo.gmail.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.approval.Approvals;
import theo.emulator.GoogleEmulator;
import theo.integration.IntegrationDisconnected;
import tools.jackson.databind.JsonNode;

/**
 * Email approvals end to end: a signed-in session connects Gmail through the emulator, asks for
 * approval, decides, and the emulator's mailboxes show what Gmail really did.
 */
@TheoTest
class GmailApprovalTests {
  private static final AtomicInteger accounts = new AtomicInteger();

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired Approvals approvals;
  @Autowired JdbcClient jdbc;
  @Autowired ApplicationEventPublisher events;

  private record Person(String email, GoogleBrowser browser) {}

  private Person connected() {
    String email = newAccount("sender");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("gmail", email, Set.of());
    return new Person(email, browser);
  }

  private String newAccount(String kind) {
    String email =
        kind + "-" + accounts.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, kind + " " + accounts.get());
    return email;
  }

  private JsonNode summary(Person person, String email) {
    java.net.http.HttpResponse<String> response =
        person
            .browser()
            .rawGet(emulator.baseUrl() + "/emulator/accounts/" + email + "/gmail/summary");
    assertThat(response.statusCode()).isEqualTo(200);
    return new GoogleBrowser.Response(response.statusCode(), response.body(), java.util.Map.of())
        .json();
  }

  private static String emailJson(String to, String subject) {
    return "{\"to\":\"" + to + "\",\"subject\":\"" + subject + "\",\"body\":\"Hello there\"}";
  }

  private JsonNode request(Person person, String to) {
    GoogleBrowser.Response response =
        person
            .browser()
            .post("/api/integrations/gmail/approvals", emailJson(to, "Quarterly numbers"));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().get("approval");
  }

  private GoogleBrowser.Response decide(Person person, String id, String action) {
    return person
        .browser()
        .post(
            "/api/integrations/gmail/approvals/" + id,
            "{\"action\":\"" + action + "\",\"notes\":\"checked\"}");
  }

  private static long label(JsonNode summary, String label) {
    return summary.path("labels").path(label).asLong(0);
  }

  @Test
  void disconnectedEventWhenApprovalPendingThenCancelledAndItsDraftDiscarded() {
    Person alice = connected();
    JsonNode approval = request(alice, newAccount("recipient"));
    UUID userId = UUID.fromString(userIdOf(alice));
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isEqualTo(1);

    events.publishEvent(new IntegrationDisconnected(userId, "gmail", false, false, Set.of()));

    JsonNode listed =
        alice
            .browser()
            .get("/api/integrations/gmail/approvals/" + approval.get("id").asString())
            .json();
    assertThat(listed.at("/approval/status").asString()).isEqualTo("cancelled");
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isZero();
  }

  @Test
  void listWhenIntegrationSwitchedOffThenNoApprovalIsPending() {
    Person alice = connected();
    JsonNode approval = request(alice, newAccount("recipient"));
    // The state a disconnect racing with a new approval leaves: switched off, approval pending.
    jdbc.sql("update integration_grants set enabled = false where user_id = :userId")
        .param("userId", UUID.fromString(userIdOf(alice)))
        .update();

    JsonNode list = alice.browser().get("/api/integrations/gmail/approvals").json();

    assertThat(list.at("/stats/pending").asLong(0)).isZero();
    assertThat(list.get("approvals").findValuesAsString("status")).doesNotContain("pending");
    assertThat(
            approvals
                .get(
                    UUID.fromString(userIdOf(alice)),
                    "gmail",
                    UUID.fromString(approval.get("id").asString()))
                .status()
                .value())
        .isEqualTo("cancelled");
  }

  private static String userIdOf(Person person) {
    return person.browser().get("/api/integrations/status").json().at("/user/id").asString();
  }

  @Test
  void approveWhenPendingThenTheDraftIsSentExactlyOnceAndDelivered() {
    Person alice = connected();
    String recipient = newAccount("recipient");
    JsonNode approval = request(alice, recipient);
    assertThat(approval.get("status").asString()).isEqualTo("pending");
    assertThat(approval.get("externalId").asString()).isNotBlank();
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isEqualTo(1);

    GoogleBrowser.Response approved = decide(alice, approval.get("id").asString(), "approve");

    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().at("/approval/status").asString()).isEqualTo("executed");
    assertThat(approved.json().at("/approval/result/messageId").asString()).isNotBlank();
    JsonNode mailbox = summary(alice, alice.email());
    assertThat(label(mailbox, "SENT")).isEqualTo(1);
    assertThat(mailbox.get("drafts").asInt()).isZero();
    assertThat(label(summary(alice, recipient), "INBOX")).isEqualTo(1);

    GoogleBrowser.Response again = decide(alice, approval.get("id").asString(), "approve");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().at("/approval/status").asString()).isEqualTo("executed");
    assertThat(label(summary(alice, alice.email()), "SENT")).isEqualTo(1);
    assertThat(label(summary(alice, recipient), "INBOX")).isEqualTo(1);
    assertThat(auditActions(alice))
        .contains("approval.requested", "approval.approved", "approval.executed");
  }

  @Test
  void approveWhenTwoRequestsRaceThenGmailSendsOnce() throws Exception {
    Person alice = connected();
    String recipient = newAccount("recipient");
    for (int round = 0; round < 3; round++) {
      String id = request(alice, recipient).get("id").asString();
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
                  return decide(alice, id, "approve");
                }));
      }
      start.countDown();
      for (CompletableFuture<GoogleBrowser.Response> call : calls) {
        assertThat(call.get().status()).as(call.get().body()).isEqualTo(200);
      }
    }
    assertThat(label(summary(alice, alice.email()), "SENT")).isEqualTo(3);
    assertThat(label(summary(alice, recipient), "INBOX")).isEqualTo(3);
  }

  @Test
  void rejectWhenPendingThenTheDraftIsDeletedAndNothingIsSent() {
    Person alice = connected();
    String recipient = newAccount("recipient");
    String id = request(alice, recipient).get("id").asString();

    GoogleBrowser.Response rejected = decide(alice, id, "reject");

    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().at("/approval/status").asString()).isEqualTo("rejected");
    assertThat(rejected.json().at("/approval/notes").asString()).isEqualTo("checked");
    JsonNode mailbox = summary(alice, alice.email());
    assertThat(mailbox.get("drafts").asInt()).isZero();
    assertThat(label(mailbox, "SENT")).isZero();
    assertThat(label(summary(alice, recipient), "INBOX")).isZero();
    GoogleBrowser.Response approveAfter = decide(alice, id, "approve");
    assertThat(approveAfter.status()).isEqualTo(409);
    assertThat(approveAfter.json().at("/error/code").asString()).isEqualTo("APPROVAL_NOT_PENDING");
    assertThat(label(summary(alice, alice.email()), "SENT")).isZero();
  }

  @Test
  void cancelWhenPendingThenDraftDeletedAndListShowsIt() {
    Person alice = connected();
    String id = request(alice, newAccount("recipient")).get("id").asString();

    GoogleBrowser.Response cancelled =
        alice.browser().delete("/api/integrations/gmail/approvals/" + id);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().at("/approval/status").asString()).isEqualTo("cancelled");
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isZero();
    JsonNode list =
        alice.browser().get("/api/integrations/gmail/approvals?status=cancelled").json();
    assertThat(list.get("approvals").size()).isEqualTo(1);
    assertThat(list.at("/stats/cancelled").asLong()).isEqualTo(1);
    assertThat(list.at("/stats/pending").asLong()).isZero();
  }

  @Test
  void approveWhenExpiredThenRefusedAndTheJobMarksOverdueOnesExpired() {
    Person alice = connected();
    String recipient = newAccount("recipient");
    String first = request(alice, recipient).get("id").asString();
    String second = request(alice, recipient).get("id").asString();
    jdbc.sql("update approvals set expires_at = now() - interval '1 minute' where id in (?, ?)")
        .params(UUID.fromString(first), UUID.fromString(second))
        .update();

    GoogleBrowser.Response refused = decide(alice, first, "approve");

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/code").asString()).isEqualTo("APPROVAL_EXPIRED");
    assertThat(approvals.expireOverdue()).isGreaterThanOrEqualTo(1);
    JsonNode secondNow = alice.browser().get("/api/integrations/gmail/approvals/" + second).json();
    assertThat(secondNow.at("/approval/status").asString()).isEqualTo("expired");
    assertThat(decide(alice, second, "approve").status()).isEqualTo(409);
    JsonNode mailbox = summary(alice, alice.email());
    assertThat(label(mailbox, "SENT")).isZero();
    assertThat(mailbox.get("drafts").asInt()).isZero();
    assertThat(auditActions(alice)).contains("approval.expired");
  }

  @Test
  void expiryJobWhenAnApprovalIsStuckExecutingThenItFailsAndIsNeverRunAgain() {
    Person alice = connected();
    String id = request(alice, newAccount("recipient")).get("id").asString();
    jdbc.sql(
            "update approvals set status = 'executing', decided_at = now() - interval '1 hour'"
                + " where id = ?")
        .param(UUID.fromString(id))
        .update();

    approvals.expireOverdue();

    JsonNode approval = alice.browser().get("/api/integrations/gmail/approvals/" + id).json();
    assertThat(approval.at("/approval/status").asString()).isEqualTo("failed");
    assertThat(approval.at("/approval/error").asString()).contains("Interrupted");
    assertThat(decide(alice, id, "approve").json().at("/approval/status").asString())
        .isEqualTo("failed");
    assertThat(label(summary(alice, alice.email()), "SENT")).isZero();
  }

  @Test
  void disconnectWhenApprovalsArePendingThenTheyAndTheirDraftsAreGone() {
    Person alice = connected();
    request(alice, newAccount("recipient"));
    request(alice, newAccount("recipient"));
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isEqualTo(2);

    assertThat(alice.browser().delete("/api/integrations/gmail/disconnect").status())
        .isEqualTo(200);

    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isZero();
    assertThat(
            jdbc.sql(
                    "select count(*) from approvals a join users u on u.id = a.user_id"
                        + " where u.email = ?")
                .param(alice.email())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void sendWhenDirectSendIsOffThenItAsksForApproval() {
    Person alice = connected();

    GoogleBrowser.Response response =
        alice.browser().post("/api/integrations/gmail/send", emailJson(newAccount("r"), "Hi"));

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().get("approvalRequired").asBoolean()).isTrue();
    assertThat(response.json().at("/approval/status").asString()).isEqualTo("pending");
    assertThat(label(summary(alice, alice.email()), "SENT")).isZero();
  }

  @Test
  void requestWhenInputIsInvalidThenBadRequestJson() {
    Person alice = connected();
    for (String body :
        List.of(
            "{\"to\":\"not-an-address\",\"subject\":\"x\",\"body\":\"y\"}",
            "{\"subject\":\"x\",\"body\":\"y\"}",
            "{\"to\":\"a@example.com\",\"subject\":\"\",\"body\":\"y\"}",
            "{\"to\":\"a@example.com\",\"subject\":\"a\\r\\nBcc: evil@example.com\",\"body\":\"y\"}",
            "{\"to\":\"a@example.com\",\"subject\":\"x\"}",
            "{\"to\":\"a@example.com\",\"subject\":\"x\",\"body\":\"y\",\"expiresInMinutes\":0}",
            "{\"to\":42,\"subject\":\"x\",\"body\":\"y\"}",
            "not json")) {
      GoogleBrowser.Response response =
          alice.browser().post("/api/integrations/gmail/approvals", body);
      assertThat(response.status()).as(body).isEqualTo(400);
      assertThat(response.json().at("/error/code").asString()).as(body).isNotBlank();
    }
    GoogleBrowser.Response badAction =
        alice
            .browser()
            .post(
                "/api/integrations/gmail/approvals/" + UUID.randomUUID(), "{\"action\":\"maybe\"}");
    assertThat(badAction.status()).isEqualTo(400);
    assertThat(
            alice.browser().get("/api/integrations/gmail/approvals/" + UUID.randomUUID()).status())
        .isEqualTo(404);
    assertThat(alice.browser().get("/api/integrations/gmail/approvals?status=bogus").status())
        .isEqualTo(400);
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isZero();
  }

  @Test
  void requestWhenComposeScopeWithheldThenForbidden() {
    String email = newAccount("limited");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    browser.connect("gmail", email, GoogleBrowser.scopes("gmail.compose"));

    GoogleBrowser.Response response =
        browser.post("/api/integrations/gmail/approvals", emailJson("x@example.com", "Hi"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().at("/error/code").asString()).isEqualTo("INSUFFICIENT_SCOPE");
  }

  @Test
  void draftsWhenCreatedUpdatedAndDeletedThenGmailHoldsThem() {
    Person alice = connected();
    GoogleBrowser.Response created =
        alice.browser().post("/api/integrations/gmail/drafts", emailJson("x@example.com", "First"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().at("/draft/id").asString();
    assertThat(created.json().at("/draft/subject").asString()).isEqualTo("First");

    GoogleBrowser.Response updated =
        alice
            .browser()
            .put("/api/integrations/gmail/drafts/" + id, emailJson("x@example.com", "Second"));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(
            alice
                .browser()
                .get("/api/integrations/gmail/drafts/" + id)
                .json()
                .at("/draft/subject")
                .asString())
        .isEqualTo("Second");
    assertThat(alice.browser().get("/api/integrations/gmail/drafts").json().get("drafts").size())
        .isEqualTo(1);

    assertThat(alice.browser().delete("/api/integrations/gmail/drafts/" + id).status())
        .isEqualTo(200);
    assertThat(alice.browser().get("/api/integrations/gmail/drafts/" + id).status()).isEqualTo(404);
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isZero();
  }

  @Test
  void requestWhenIdempotencyKeyRepeatsThenTheFirstApprovalAndOneDraft() {
    Person alice = connected();
    String body = emailJson(newAccount("recipient"), "Once");
    String key = UUID.randomUUID().toString();

    GoogleBrowser.Response first =
        alice.browser().api("POST", "/api/integrations/gmail/approvals", body, key);
    GoogleBrowser.Response second =
        alice.browser().api("POST", "/api/integrations/gmail/approvals", body, key);

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().at("/approval/id").asString())
        .isEqualTo(first.json().at("/approval/id").asString());
    assertThat(summary(alice, alice.email()).get("drafts").asInt()).isEqualTo(1);
  }

  private static List<String> auditActions(Person person) {
    List<String> actions = new ArrayList<>();
    for (JsonNode item : person.browser().get("/api/audit?limit=200").json().get("items")) {
      actions.add(item.get("action").asString());
    }
    return actions;
  }
}
