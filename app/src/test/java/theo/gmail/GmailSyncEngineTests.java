package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.TheoTest;
import theo.auth.GoogleAccounts;
import theo.emulator.GoogleEmulator;
import theo.gmail.GmailTestSupport.Person;
import theo.gmail.GmailTestSupport.TestRun;
import theo.integration.spi.SyncCancelledException;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncType;

/** The Gmail sync engine against the embedded emulator and a real PostgreSQL. */
@TheoTest
class GmailSyncEngineTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;
  @Autowired GoogleAccounts googleAccounts;
  @Autowired GmailSyncEngine engine;
  @Autowired GmailSyncStateRepository syncState;
  @Autowired GmailIntegration integration;
  @Autowired GmailQuota quota;

  private static final int FAST_QUOTA = 1_000_000;

  GmailTestSupport support;

  @BeforeEach
  void setUp() throws Exception {
    support = new GmailTestSupport(port, emulator, jdbc, googleAccounts);
    support.quota(quota, FAST_QUOTA);
  }

  @AfterEach
  void restoreGoogleQuota() throws Exception {
    support.quota(quota, GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE);
  }

  @Test
  void syncWhenNothingStoredThenFullSyncEqualsTheEmulatorMailbox() throws Exception {
    Person person = support.connect("full", true);
    support.generate(person.email(), 1_200, 11);
    TestRun run = TestRun.uninterrupted();

    SyncResult result = engine.sync(person.userId(), SyncType.AUTO, run);

    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(result.processed()).isEqualTo(1_200);
    assertThat(run.progressCalls).isGreaterThanOrEqualTo(3);
    support.assertMirrors(person);
    GmailStats stats = engine.stats(person.userId());
    assertThat(stats.emailCount()).isEqualTo(1_200);
    assertThat(stats.unreadCount())
        .isEqualTo(((Number) support.summary(person.email()).get("unread")).longValue());
    assertThat(stats.contactCount()).isPositive();
    assertThat(stats.labelCount()).isGreaterThan(10);
    assertThat(syncState.state(person.userId()).orElseThrow().historyId())
        .isEqualTo(Long.parseLong((String) support.summary(person.email()).get("historyId")));
  }

  @Test
  void syncWhenBodiesStoredThenLz4WhereTheServerHasItElseUncompressed() throws Exception {
    Person person = support.connect("bodies", true);
    support.generate(person.email(), 60, 12);

    engine.sync(person.userId(), SyncType.FULL, TestRun.uninterrupted());

    boolean lz4 =
        jdbc.sql(
                "select 'lz4' = any (enumvals) from pg_settings"
                    + " where name = 'default_toast_compression'")
            .query(Boolean.class)
            .single();
    List<String> storage =
        jdbc.sql(
                "select attname || ' ' || attstorage::text || ' ' || attcompression::text"
                    + " from pg_attribute"
                    + " where attrelid = 'gmail_messages'::regclass"
                    + " and attname in ('body_text', 'body_html') order by attname")
            .query(String.class)
            .list();
    // Bodies of 2 KB and more are the ones PostgreSQL would compress.
    Map<String, Object> sizes =
        jdbc.sql(
                "select count(*) as bodies, count(*) filter (where pg_column_size(body_text)"
                    + " < octet_length(body_text)) as compressed from gmail_messages"
                    + " where user_id = :userId and octet_length(body_text) >= 2048")
            .param("userId", person.userId())
            .query()
            .singleRow();
    assertThat(((Number) sizes.get("bodies")).longValue()).isGreaterThan(20);
    if (lz4) {
      assertThat(storage).containsExactly("body_html x l", "body_text x l");
      assertThat(sizes.get("compressed")).isEqualTo(sizes.get("bodies"));
    } else {
      assertThat(storage).containsExactly("body_html e ", "body_text e ");
      assertThat(((Number) sizes.get("compressed")).longValue()).isZero();
    }
    support.assertMirrors(person);
  }

  @Test
  void syncWhenMessagesDeliveredRelabelledAndDeletedThenIncrementalAppliesThem() throws Exception {
    Person person = support.connect("incremental", true);
    support.generate(person.email(), 150, 12);
    engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    String someThread =
        jdbc.sql("select thread_id from gmail_messages where user_id = :u limit 1")
            .param("u", person.userId())
            .query(String.class)
            .single();
    List<String> existing =
        jdbc.sql("select id from gmail_messages where user_id = :u order by id limit 2")
            .param("u", person.userId())
            .query(String.class)
            .list();

    String delivered = support.deliver(person.email(), "Lunch?", "Noon at the usual place", null);
    String reply = support.deliver(person.email(), "Re: thread", "A reply", someThread);
    support.admin(
        "POST",
        "/emulator/accounts/" + person.email() + "/gmail/messages/" + existing.get(0) + "/modify",
        "{\"addLabelIds\":[\"STARRED\"],\"removeLabelIds\":[\"INBOX\"]}");
    support.admin(
        "DELETE",
        "/emulator/accounts/" + person.email() + "/gmail/messages/" + existing.get(1),
        null);
    SyncResult result = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());

    assertThat(result.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    assertThat(result.processed()).isEqualTo(4);
    support.assertMirrors(person);
    assertThat(
            jdbc.sql("select body_text from gmail_messages where user_id = :u and id = :id")
                .param("u", person.userId())
                .param("id", delivered)
                .query(String.class)
                .single())
        .isEqualTo("Noon at the usual place");
    assertThat(
            jdbc.sql("select thread_id from gmail_messages where user_id = :u and id = :id")
                .param("u", person.userId())
                .param("id", reply)
                .query(String.class)
                .single())
        .isEqualTo(someThread);
    assertThat(
            jdbc.sql("select label_ids from gmail_messages where user_id = :u and id = :id")
                .param("u", person.userId())
                .param("id", existing.get(0))
                .query((rs, row) -> List.of((String[]) rs.getArray(1).getArray()))
                .single())
        .contains("STARRED")
        .doesNotContain("INBOX");
  }

  @Test
  void syncWhenHistorySpansSeveralPagesThenEveryRecordIsApplied() throws Exception {
    Person person = support.connect("pages", true);
    support.generate(person.email(), 20, 13);
    engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    for (int i = 0; i < 1_150; i++) {
      support.deliver(person.email(), "Note " + i, "Body " + i, null);
    }

    SyncResult result = engine.sync(person.userId(), SyncType.INCREMENTAL, TestRun.uninterrupted());

    assertThat(result.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    assertThat(result.processed()).isEqualTo(1_150);
    support.assertMirrors(person);
  }

  @Test
  void syncWhenHistoryExpiredThenFullSyncWithoutDuplicatesOrStaleRows() throws Exception {
    Person person = support.connect("expired", true);
    support.generate(person.email(), 300, 14);
    engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    List<String> doomed =
        jdbc.sql("select id from gmail_messages where user_id = :u order by id limit 3")
            .param("u", person.userId())
            .query(String.class)
            .list();
    for (String id : doomed) {
      support.admin(
          "DELETE", "/emulator/accounts/" + person.email() + "/gmail/messages/" + id, null);
    }
    String fresh = support.deliver(person.email(), "After expiry", "Still here", null);
    support.admin("POST", "/emulator/accounts/" + person.email() + "/gmail/history/expire", "{}");

    SyncResult result = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());

    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    support.assertMirrors(person);
    assertThat(
            support.count(
                "select count(*) from gmail_messages where user_id = :u and id in ('"
                    + String.join("','", doomed)
                    + "')",
                person))
        .isZero();
    assertThat(
            support.count(
                "select count(*) from gmail_messages where user_id = :u and id = '" + fresh + "'",
                person))
        .isEqualTo(1);
    assertThat(support.count("select count(*) from gmail_messages where user_id = :u", person))
        .isEqualTo(298);
  }

  @Test
  void syncWhenCancelledMidwayThenNextRunResumesFromTheCheckpointAndEndsExact() throws Exception {
    Person person = support.connect("resume", true);
    support.generate(person.email(), 1_600, 15);

    assertThatThrownBy(() -> engine.sync(person.userId(), SyncType.FULL, new TestRun(1_000)))
        .isInstanceOf(SyncCancelledException.class);

    GmailSyncStateRepository.SyncState checkpoint = syncState.state(person.userId()).orElseThrow();
    assertThat(checkpoint.fullSyncInProgress()).isTrue();
    assertThat(checkpoint.fullProcessed()).isEqualTo(1_000);
    assertThat(checkpoint.fullPageToken()).isNotNull();
    // Batches store their messages as they arrive: those of the page fetched ahead may be stored
    // beyond the checkpoint (the resumed run stores them again).
    assertThat(support.count("select count(*) from gmail_messages where user_id = :u", person))
        .isBetween(1_000L, 1_000L + GmailClient.LIST_PAGE_SIZE);
    String synced =
        jdbc.sql("select id from gmail_messages where user_id = :u limit 1")
            .param("u", person.userId())
            .query(String.class)
            .single();
    support.admin(
        "DELETE", "/emulator/accounts/" + person.email() + "/gmail/messages/" + synced, null);
    support.deliver(person.email(), "While stopped", "Arrived during the pause", null);
    long unitsBefore = settledUnits();

    SyncResult result = engine.sync(person.userId(), SyncType.INCREMENTAL, TestRun.uninterrupted());

    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    long units = emulator.stats().get("gmail.unitsUsed") - unitsBefore;
    // The remaining 600 messages (and the new one), not the whole mailbox again.
    assertThat(units).isLessThan(700 * GmailQuota.GET_UNITS);
    assertThat(syncState.state(person.userId()).orElseThrow().fullSyncInProgress()).isFalse();
    support.assertMirrors(person);
  }

  @Test
  void syncWhenServerErrorsAndRateLimitsInjectedThenRetriesAndEndsExact() throws Exception {
    Person person = support.connect("faults", true);
    support.generate(person.email(), 700, 16);
    long faultsBefore = emulator.stats().get("faultsInjected");
    support.admin(
        "PUT",
        "/emulator/faults",
        """
        {"rules": [
          {"path": "/batch.*", "status": 503, "rate": 0.15},
          {"path": "/gmail/v1/users/.*", "status": 503, "rate": 0.10},
          {"path": "/gmail/v1/users/.*", "status": 429, "rate": 0.05},
          {"path": "/v1/people/.*", "status": 500, "rate": 0.2}
        ]}
        """);
    SyncResult result;
    try {
      // Faults fire at random; a run that drew none proves nothing, so sync again (in full) until
      // at least one fired. One run of ~15 requests draws none about 7% of the time.
      int runs = 0;
      do {
        SyncType type = runs++ == 0 ? SyncType.AUTO : SyncType.FULL;
        result = engine.sync(person.userId(), type, TestRun.uninterrupted());
      } while (emulator.stats().get("faultsInjected") == faultsBefore && runs < 6);
    } finally {
      support.admin("DELETE", "/emulator/faults", null);
    }

    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(emulator.stats().get("faultsInjected")).isGreaterThan(faultsBefore);
    support.assertMirrors(person);
  }

  @Test
  void syncWhenAnotherUsersSyncWaitsForItsQuotaThenThisOneRunsUnheld() throws Exception {
    Person paced = support.connect("paced", true);
    support.generate(paced.email(), 400, 21);
    Person other = support.connect("unheld", true);
    support.generate(other.email(), 30, 22);
    // 600 units a minute: one message per batch, about 118 messages in a user's first minute.
    support.quota(quota, 600);
    Thread pacedSync =
        new Thread(
            () -> {
              try {
                engine.sync(paced.userId(), SyncType.AUTO, TestRun.uninterrupted());
              } catch (SyncCancelledException | theo.google.GoogleException e) {
                // interrupted below
              }
            });
    pacedSync.start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (support.count("select count(*) from gmail_messages where user_id = :u", paced) < 100
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      // The paced user's minute is spent: its remaining ~280 batches now wait for quota.
      Thread.sleep(1_000);
      assertThat(pacedSync.isAlive()).isTrue();

      long started = System.nanoTime();
      SyncResult result = engine.sync(other.userId(), SyncType.AUTO, TestRun.uninterrupted());
      double seconds = (System.nanoTime() - started) / 1e9;

      assertThat(result.processed()).isEqualTo(30);
      // Queued behind the paced user's batches it would wait minutes for that user's quota.
      assertThat(seconds).isLessThan(30);
      support.assertMirrors(other);
    } finally {
      pacedSync.interrupt();
      pacedSync.join(30_000);
      support.quota(quota, FAST_QUOTA);
    }
    assertThat(pacedSync.isAlive()).isFalse();
  }

  @Test
  void syncWhenUserQuotaLoweredThenPacedBelowItWithoutThrottling() throws Exception {
    Person person = support.connect("quota", true);
    support.generate(person.email(), 110, 17);
    long throttledBefore = emulator.stats().get("gmail.throttled");
    support.quota(quota, 500);
    long started = System.nanoTime();
    SyncResult result;
    try {
      result = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    } finally {
      support.quota(quota, FAST_QUOTA);
    }
    long seconds = (System.nanoTime() - started) / 1_000_000_000;

    assertThat(result.processed()).isEqualTo(110);
    assertThat(emulator.stats().get("gmail.throttled")).isEqualTo(throttledBefore);
    // 110 messages cost over 550 units: the pacer had to wait for the minute to roll on.
    assertThat(seconds).isGreaterThanOrEqualTo(55);
    support.assertMirrors(person);
  }

  @Test
  void syncWhenMaxAgeSetThenOnlyNewerMailIsKeptUntilItIsCleared() throws Exception {
    Person person = support.connect("max-age", true);
    support.generate(person.email(), 400, 19);
    engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    assertThat(support.count("select count(*) from gmail_messages where user_id = :u", person))
        .isEqualTo(400);

    syncState.maxAgeDays(person.userId(), 30, Instant.now());
    Instant before = Instant.now();
    SyncResult limited = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());
    Instant after = Instant.now();

    assertThat(limited.ranAs()).isEqualTo(SyncType.FULL);
    // The engine cut off at "now - 30 days" somewhere between before and after: no message may
    // fall in between, so the expected set is exact.
    long earliestCutoff = before.minus(Duration.ofDays(30)).getEpochSecond();
    long latestCutoff = after.minus(Duration.ofDays(30)).getEpochSecond() + 1;
    Set<String> recent = support.idsMatching(person.userId(), "after:" + earliestCutoff);
    assertThat(support.idsMatching(person.userId(), "after:" + latestCutoff)).isEqualTo(recent);
    assertThat(recent).isNotEmpty().hasSizeLessThan(400);
    assertThat(storedIds(person)).isEqualTo(recent);
    assertThat(support.count("select count(*) from gmail_threads where user_id = :u", person))
        .isEqualTo(
            support.count(
                "select count(distinct thread_id) from gmail_messages where user_id = :u", person));

    String old = support.idsMatching(person.userId(), "before:" + earliestCutoff).iterator().next();
    support.admin(
        "POST",
        "/emulator/accounts/" + person.email() + "/gmail/messages/" + old + "/modify",
        "{\"addLabelIds\":[\"STARRED\"]}");
    String delivered = support.deliver(person.email(), "Fresh", "Just arrived", null);
    String agedOut = recent.iterator().next();
    jdbc.sql(
            "update gmail_messages set internal_date = now() - interval '31 days'"
                + " where user_id = :u and id = :id")
        .param("u", person.userId())
        .param("id", agedOut)
        .update();
    SyncResult incremental = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());

    assertThat(incremental.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    Set<String> expected = new HashSet<>(recent);
    expected.add(delivered);
    expected.remove(agedOut);
    assertThat(storedIds(person)).isEqualTo(expected);

    syncState.maxAgeDays(person.userId(), null, Instant.now());
    SyncResult whole = engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());

    assertThat(whole.ranAs()).isEqualTo(SyncType.FULL);
    support.assertMirrors(person);
    assertThat(support.count("select count(*) from gmail_messages where user_id = :u", person))
        .isEqualTo(401);
  }

  private Set<String> storedIds(Person person) {
    return new HashSet<>(
        jdbc.sql("select id from gmail_messages where user_id = :u")
            .param("u", person.userId())
            .query(String.class)
            .list());
  }

  @Test
  void deleteUserDataWhenSyncedThenNothingIsLeft() throws Exception {
    Person person = support.connect("delete", true);
    support.generate(person.email(), 50, 18);
    engine.sync(person.userId(), SyncType.AUTO, TestRun.uninterrupted());

    integration.deleteUserData(person.userId());

    for (String table :
        List.of(
            "gmail_messages",
            "gmail_threads",
            "gmail_labels",
            "gmail_contacts",
            "gmail_sync_state")) {
      assertThat(support.count("select count(*) from " + table + " where user_id = :u", person))
          .as(table)
          .isZero();
    }
  }

  /**
   * The emulator's Gmail units once no request is running: batches a cancelled run had already sent
   * (the page fetched ahead) still finish there, and their units are that run's.
   */
  private long settledUnits() throws InterruptedException {
    long units = emulator.stats().get("gmail.unitsUsed");
    for (int check = 0; check < 50; check++) {
      Thread.sleep(200);
      long now = emulator.stats().get("gmail.unitsUsed");
      if (now == units) {
        return now;
      }
      units = now;
    }
    return units;
  }
}
