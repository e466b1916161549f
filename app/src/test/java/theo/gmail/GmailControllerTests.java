package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.util.Data;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.TheoTest;
import theo.auth.GoogleAccounts;
import theo.emulator.GoogleEmulator;
import theo.gmail.GmailTestSupport.Person;
import theo.gmail.GmailTestSupport.TestRun;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncType;

/** The mailbox read API over real HTTP with a signed-in session. */
@TheoTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailControllerTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;
  @Autowired GoogleAccounts googleAccounts;
  @Autowired GmailSyncEngine engine;
  @Autowired GmailQuota quota;

  GmailTestSupport support;
  Person person;
  String deliveredThread;

  @BeforeAll
  void syncAMailbox() throws Exception {
    support = new GmailTestSupport(port, emulator, jdbc, googleAccounts);
    support.quota(quota, 1_000_000);
    person = support.connect("reader", true);
    support.generate(person.email(), 230, 21);
    String first = support.deliver(person.email(), "Zebracorn plan", "Draft attached_100%", null);
    engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    deliveredThread =
        jdbc.sql("select thread_id from gmail_messages where user_id = :u and id = :id")
            .param("u", person.userId())
            .param("id", first)
            .query(String.class)
            .single();
    support.deliver(person.email(), "Re: Zebracorn plan", "Looks good", deliveredThread);
    engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    support.quota(quota, GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE);
  }

  @Test
  void labelsWhenSyncedThenListsEveryLabelWithCountsAndSelection() throws Exception {
    Map<?, ?> body = json(get("/api/integrations/gmail/labels"), 200);

    List<?> items = (List<?>) body.get("items");
    Map<?, ?> summaryLabels = (Map<?, ?>) support.summary(person.email()).get("labels");
    Map<?, ?> inbox =
        items.stream()
            .map(Map.class::cast)
            .filter(item -> "INBOX".equals(item.get("id")))
            .findFirst()
            .orElseThrow();
    assertThat(inbox.get("type")).isEqualTo("system");
    assertThat(inbox.get("selected")).isEqualTo(true);
    assertThat(((Number) inbox.get("messagesTotal")).longValue())
        .isEqualTo(((Number) summaryLabels.get("INBOX")).longValue());
    assertThat(((Number) inbox.get("messagesUnread")).longValue()).isPositive();
    assertThat(items)
        .anySatisfy(item -> assertThat(((Map<?, ?>) item).get("type")).isEqualTo("user"));
  }

  @Test
  void messagesWhenPagedWithCursorThenEveryVisibleMessageOnceNewestFirst() throws Exception {
    Set<String> seen = new HashSet<>();
    List<String> dates = new ArrayList<>();
    String cursor = null;
    long total = -1;
    do {
      Map<?, ?> page =
          json(
              get(
                  "/api/integrations/gmail/messages?limit=40"
                      + (cursor == null ? "" : "&cursor=" + cursor)),
              200);
      total = ((Number) page.get("total")).longValue();
      for (Object item : (List<?>) page.get("items")) {
        Map<?, ?> message = (Map<?, ?>) item;
        assertThat(seen.add((String) message.get("id"))).isTrue();
        dates.add((String) message.get("date"));
        assertThat(message.keySet().stream().map(String::valueOf))
            .contains("id", "threadId", "from", "subject", "snippet", "date", "unread", "labelIds");
      }
      cursor = (String) page.get("nextCursor");
    } while (cursor != null);

    long expected =
        support.count(
            "select count(*) from gmail_messages where user_id = :u"
                + " and not (label_ids && array['SPAM','TRASH']::text[])",
            person);
    assertThat(total).isEqualTo(expected);
    assertThat(seen).hasSize((int) expected);
    assertThat(dates).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void messagesWhenFilteredByLabelAndQueryThenOnlyMatches() throws Exception {
    Map<?, ?> starred =
        json(get("/api/integrations/gmail/messages?labelId=STARRED&limit=100"), 200);
    Map<?, ?> found = json(get("/api/integrations/gmail/messages?q=zebracorn%20PLAN"), 200);
    Map<?, ?> alias = json(get("/api/integrations/gmail/messages?query=zebracorn%20PLAN"), 200);
    Map<?, ?> literal = json(get("/api/integrations/gmail/messages?q=attached_100%25"), 200);
    Map<?, ?> wildcard = json(get("/api/integrations/gmail/messages?q=attached%25100"), 200);
    Map<?, ?> bySender =
        json(get("/api/integrations/gmail/messages?q=CAROL@example.net&limit=100"), 200);

    assertThat(((Number) starred.get("total")).longValue())
        .isEqualTo(
            ((Number) ((Map<?, ?>) support.summary(person.email()).get("labels")).get("STARRED"))
                .longValue());
    assertThat((List<?>) starred.get("items"))
        .allSatisfy(
            item ->
                assertThat(
                        ((List<?>) ((Map<?, ?>) item).get("labelIds"))
                            .stream().map(String::valueOf))
                    .contains("STARRED"));
    assertThat(found.get("total")).isEqualTo(java.math.BigDecimal.valueOf(2));
    assertThat((List<?>) found.get("items"))
        .allSatisfy(
            item ->
                assertThat((String) ((Map<?, ?>) item).get("subject")).contains("Zebracorn plan"));
    assertThat(alias).isEqualTo(found);
    // Both delivered messages come from carol; q searches the sender too.
    assertThat(((Number) bySender.get("total")).longValue())
        .isEqualTo(
            support.count(
                "select count(*) from gmail_messages where user_id = :u"
                    + " and from_address ilike '%carol@example.net%'"
                    + " and not (label_ids && array['SPAM','TRASH']::text[])",
                person))
        .isGreaterThanOrEqualTo(2);
    // % and _ are matched literally, not as LIKE wildcards.
    assertThat(((Number) literal.get("total")).longValue()).isEqualTo(1);
    assertThat(((Number) wildcard.get("total")).longValue()).isZero();
  }

  @Test
  void threadWhenKnownThenMessagesOldestFirstWithBodies() throws Exception {
    Map<?, ?> thread = json(get("/api/integrations/gmail/threads/" + deliveredThread), 200);

    assertThat(thread.get("id")).isEqualTo(deliveredThread);
    List<?> messages = (List<?>) thread.get("messages");
    assertThat(messages).hasSize(2);
    Map<?, ?> first = (Map<?, ?>) messages.get(0);
    assertThat(first.get("subject")).isEqualTo("Zebracorn plan");
    assertThat(first.get("bodyText")).isEqualTo("Draft attached_100%");
    assertThat(first.get("from")).isEqualTo("carol@example.net");
    assertThat(((Map<?, ?>) messages.get(1)).get("bodyText")).isEqualTo("Looks good");
  }

  @Test
  void putLabelWhenDeselectedThenItsMailLeavesTheDefaultList() throws Exception {
    String label =
        jdbc.sql(
                "select id from gmail_labels where user_id = :u and type = 'user'"
                    + " order by id limit 1")
            .param("u", person.userId())
            .query(String.class)
            .single();
    long before =
        ((Number) json(get("/api/integrations/gmail/messages"), 200).get("total")).longValue();

    HttpResponse<String> off =
        put("/api/integrations/gmail/labels/" + label, "{\"selected\":false}");
    long after =
        ((Number) json(get("/api/integrations/gmail/messages"), 200).get("total")).longValue();
    HttpResponse<String> on = put("/api/integrations/gmail/labels/" + label, "{\"selected\":true}");

    assertThat(json(off, 200).get("selected")).isEqualTo(false);
    long carrying =
        support.count(
            "select count(*) from gmail_messages where user_id = :u and '"
                + label
                + "' = any(label_ids) and not (label_ids && array['SPAM','TRASH']::text[])",
            person);
    assertThat(carrying).isPositive();
    assertThat(after).isEqualTo(before - carrying);
    assertThat(json(on, 200).get("selected")).isEqualTo(true);
  }

  @Test
  void settingsWhenMaxAgeSetAndClearedThenReadBackAndEachChangeSyncsInFull() throws Exception {
    long everything =
        support.count("select count(*) from gmail_messages where user_id = :u", person);
    Map<?, ?> initial = json(get("/api/integrations/gmail/settings"), 200);

    Map<?, ?> limited = json(put("/api/integrations/gmail/settings", "{\"maxAgeDays\":30}"), 200);
    Map<?, ?> readBack = json(get("/api/integrations/gmail/settings"), 200);
    SyncResult limitedSync = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    long kept = support.count("select count(*) from gmail_messages where user_id = :u", person);
    Map<?, ?> cleared = json(put("/api/integrations/gmail/settings", "{\"maxAgeDays\":null}"), 200);
    SyncResult wholeSync = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());

    assertWholeMailbox(initial);
    assertThat(((Number) limited.get("maxAgeDays")).intValue()).isEqualTo(30);
    assertThat(readBack).isEqualTo(limited);
    assertThat(limitedSync.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(kept).isPositive().isLessThan(everything);
    assertWholeMailbox(cleared);
    assertThat(json(get("/api/integrations/gmail/settings"), 200)).isEqualTo(cleared);
    assertThat(wholeSync.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(support.count("select count(*) from gmail_messages where user_id = :u", person))
        .isEqualTo(everything);
  }

  @Test
  void settingsWhenInvalidThenJson400() throws Exception {
    String path = "/api/integrations/gmail/settings";
    assertError(put(path, "{}"), 400, "VALIDATION_FAILED");
    assertError(put(path, "{\"maxAgeDays\":0}"), 400, "VALIDATION_FAILED");
    assertError(put(path, "{\"maxAgeDays\":-3}"), 400, "VALIDATION_FAILED");
    assertError(put(path, "{\"maxAgeDays\":1.5}"), 400, "VALIDATION_FAILED");
    assertError(put(path, "{\"maxAgeDays\":\"30\"}"), 400, "VALIDATION_FAILED");
    assertError(put(path, "{\"maxAgeDays\":36501}"), 400, "VALIDATION_FAILED");
    assertError(put(path, "{\"maxAgeDays\":99999999999}"), 400, "VALIDATION_FAILED");
    assertError(put(path, "{"), 400, "BAD_REQUEST");
    assertWholeMailbox(json(get(path), 200));
  }

  @Test
  void requestsWhenInvalidThenJson4xx() throws Exception {
    assertError(get("/api/integrations/gmail/messages?limit=0"), 400, "VALIDATION_FAILED");
    assertError(get("/api/integrations/gmail/messages?limit=500"), 400, "VALIDATION_FAILED");
    assertError(
        get("/api/integrations/gmail/messages?q=" + "x".repeat(201)), 400, "VALIDATION_FAILED");
    assertError(get("/api/integrations/gmail/messages?limit=abc"), 400, "BAD_REQUEST");
    assertError(get("/api/integrations/gmail/messages?cursor=%21%21"), 400, "VALIDATION_FAILED");
    assertError(
        get("/api/integrations/gmail/messages?cursor=bm9jb2xvbg"), 400, "VALIDATION_FAILED");
    assertError(get("/api/integrations/gmail/threads/nope"), 404, "THREAD_NOT_FOUND");
    assertError(put("/api/integrations/gmail/labels/INBOX", "{}"), 400, "VALIDATION_FAILED");
    assertError(put("/api/integrations/gmail/labels/INBOX", "{"), 400, "BAD_REQUEST");
    assertError(
        put("/api/integrations/gmail/labels/Label_none", "{\"selected\":true}"),
        404,
        "LABEL_NOT_FOUND");
  }

  @Test
  void messagesWhenGmailNotConnectedThenForbidden() throws Exception {
    Person stranger = support.connect("stranger", false);

    HttpResponse<String> response =
        stranger
            .browser()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/integrations/gmail/messages"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertError(response, 409, "NOT_CONNECTED");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return support.get(person.browser(), "http://localhost:" + port + path);
  }

  private HttpResponse<String> put(String path, String body) throws Exception {
    return person
        .browser()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", person.csrfToken())
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static Map<?, ?> json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return GmailTestSupport.json(response.body());
  }

  /** Settings of the default: {@code {"maxAgeDays": null}}. */
  private static void assertWholeMailbox(Map<?, ?> settings) {
    assertThat(settings.keySet()).hasSize(1);
    assertThat(settings.containsKey("maxAgeDays")).isTrue();
    // Google's JSON parser reads null as its own null marker.
    assertThat(Data.isNull(settings.get("maxAgeDays"))).isTrue();
  }

  private static void assertError(HttpResponse<String> response, int status, String code)
      throws Exception {
    Map<?, ?> body = json(response, status);
    assertThat(((Map<?, ?>) body.get("error")).get("code")).isEqualTo(code);
  }
}
