package theo.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.ProcessTesting.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import theo.GoogleBrowser;
import theo.ProcessTesting;
import theo.TheoProcess;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * Two instances behave as one: two packaged servers (A and B) as real processes on one PostgreSQL
 * started on its own (or the one {@code -Dtheo.cluster.jdbc-url} names, which must be empty), with
 * one emulator running on its own and the same token keys. One cluster serves every scenario, in
 * order; each scenario prints its wall time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ClusterIT {
  private static final int RECURRING_USERS = 50;
  private static final Duration RECURRING_INTERVAL = Duration.ofSeconds(10);
  private static final int LIMIT = 10;
  private static final int FULL_SYNC_MESSAGES = 1_500;
  private static final int GMAIL_UNITS_PER_MINUTE = 6_000;

  @TempDir static Path dataDir;

  private final ExecutorService pool = Executors.newFixedThreadPool(64);
  private final List<GoogleBrowser> recurringUsers = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger retries =
      new java.util.concurrent.atomic.AtomicInteger();
  private EmbeddedPostgres postgres;
  private JdbcClient jdbc;
  private GoogleEmulator emulator;
  private TheoProcess a;
  private TheoProcess b;
  private Instant recurringFrom;
  private long clusterStart;

  @BeforeAll
  void startDatabaseEmulatorAndBothInstancesAtOnce() throws Exception {
    clusterStart = System.nanoTime();
    String jdbcUrl = System.getProperty("theo.cluster.jdbc-url", "");
    String user = System.getProperty("theo.cluster.jdbc-user", "postgres");
    String password = System.getProperty("theo.cluster.jdbc-password", "");
    if (jdbcUrl.isBlank()) {
      postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
      jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
    }
    List<String> database =
        List.of(
            "--spring.datasource.url=" + jdbcUrl,
            "--spring.datasource.username=" + user,
            "--spring.datasource.password=" + password);
    jdbc = JdbcClient.create(new DriverManagerDataSource(jdbcUrl, user, password));
    emulator =
        GoogleEmulator.start(EmulatorOptions.defaults().withPort(0).withSeedDemoAccounts(false));
    admin(
        "PUT",
        "/emulator/quota",
        "{\"api\":\"gmail\",\"userUnitsPerMinute\":" + GMAIL_UNITS_PER_MINUTE + "}");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String keys = "cluster-1:" + Base64.getEncoder().encodeToString(key);
    List<String> common = new ArrayList<>(database);
    common.addAll(
        List.of(
            "--theo.crypto.keys=" + keys,
            "--theo.google.emulator.url=" + emulator.baseUrl(),
            "--theo.gmail.quota.units-per-minute=" + GMAIL_UNITS_PER_MINUTE,
            "--theo.sync.interval=" + RECURRING_INTERVAL,
            // Push stays on, but healthy push must not stretch the polling this test counts.
            "--theo.push.relaxed-interval=" + RECURRING_INTERVAL,
            "--theo.sync.heartbeat=2s",
            "--theo.sync.orphaned-after=6s",
            "--db-scheduler.polling-interval=2s",
            // A limit that barely refills while the burst lasts: exactly LIMIT are allowed.
            "--theo.rate-limit.limits.gmailMessages.requests=" + LIMIT,
            "--theo.rate-limit.limits.gmailMessages.window=1h"));
    // The client compiler only: both start in about two thirds of the time on a busy machine.
    List<String> jvm = List.of("-XX:TieredStopAtLevel=1");
    a =
        new TheoProcess(Files.createDirectories(dataDir.resolve("a")), with(common, "theo-a"))
            .withJvmOptions(jvm);
    b =
        new TheoProcess(Files.createDirectories(dataDir.resolve("b")), with(common, "theo-b"))
            .withJvmOptions(jvm);
    // Both at the same moment on the empty database.
    a.launch();
    b.launch();
    awaitHealthy(a);
    awaitHealthy(b);
    report("cluster", "both instances healthy %d ms after the launch", elapsedMs(clusterStart));
  }

  @AfterAll
  void stopEverything() throws IOException {
    pool.shutdownNow();
    Path kept = Files.createDirectories(Path.of("target/cluster-it"));
    for (TheoProcess server : new TheoProcess[] {a, b}) {
      if (server != null) {
        server.close();
        Path log = server.log();
        if (Files.exists(log)) {
          Files.copy(
              log,
              kept.resolve(log.getParent().getFileName() + "-" + log.getFileName()),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    if (emulator != null) {
      emulator.close();
    }
    if (postgres != null) {
      postgres.close();
    }
    report("cluster", "whole class: %d ms", elapsedMs(clusterStart));
  }

  @Test
  @Order(1)
  void bothStartedAtOnceOnAnEmptyDatabaseMigrateItOnceAndAreHealthy() throws Exception {
    long start = System.nanoTime();
    List<Map<String, Object>> history =
        jdbc.sql("select version, success from flyway_schema_history where version is not null")
            .query()
            .listOfRows();
    long versions = history.stream().map(row -> row.get("version")).distinct().count();
    assertThat(history).hasSize((int) versions).allMatch(row -> (Boolean) row.get("success"));
    assertThat(versions).isGreaterThanOrEqualTo(14);
    int migrated = 0;
    for (TheoProcess server : List.of(a, b)) {
      if (Files.readString(server.log()).contains("Successfully applied")) {
        migrated++;
      }
    }
    assertThat(a.healthy()).isTrue();
    assertThat(b.healthy()).isTrue();
    // The recurring syncs of 50 users run through the next scenarios; checked in the last but one.
    // Connected before the next assertion so that a failure there does not also fail that scenario.
    connectRecurringUsers();
    assertThat(migrated).as("instances that applied the migrations").isEqualTo(1);
    report(
        "migrations",
        "once, %d versions; 50 users connected in %d ms (%d sign-ins or connects tried again)",
        versions,
        elapsedMs(start),
        retries.get());
  }

  @Test
  @Order(2)
  void sessionCreatedThroughAWorksOnB() {
    long start = System.nanoTime();
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    GoogleBrowser onA = new GoogleBrowser("http://localhost:" + a.port(), cookies);
    GoogleBrowser onB = new GoogleBrowser("http://localhost:" + b.port(), cookies);
    String email = account("session");
    onA.signIn(email);

    GoogleBrowser.Response onBWithTheSession = onB.get("/api/integrations/status");
    GoogleBrowser.Response onBWithout = new GoogleBrowser(b.port()).get("/api/integrations/status");

    assertThat(onBWithTheSession.status()).as(onBWithTheSession.body()).isEqualTo(200);
    assertThat(onBWithout.status()).isEqualTo(401);
    report("session", "signed in on A, recognised on B (%d ms)", elapsedMs(start));
  }

  @Test
  @Order(3)
  void twoHundredConcurrentRequestsHalfOnAHalfOnBAllowExactlyTheLimit() throws Exception {
    long start = System.nanoTime();
    Pair pair = connectedPair("limited", 0);

    List<Integer> statuses =
        concurrently(
                200,
                i -> (i % 2 == 0 ? pair.onA() : pair.onB()).get("/api/integrations/gmail/labels"))
            .stream()
            .map(GoogleBrowser.Response::status)
            .toList();

    Map<Integer, Long> counts =
        statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    report("rate limit", "200 requests across A and B: %s (%d ms)", counts, elapsedMs(start));
    assertThat(counts.getOrDefault(200, 0L)).isEqualTo(LIMIT);
    assertThat(counts.getOrDefault(429, 0L)).isEqualTo(200 - LIMIT);
  }

  @Test
  @Order(4)
  void twentyConcurrentCallsAcrossAAndBAfterTheTokenExpiredRefreshItOnce() throws Exception {
    long start = System.nanoTime();
    Pair pair = connectedPair("refresh", 0);
    JsonNode expired = admin("POST", "/emulator/accounts/" + pair.email() + "/tokens/expire", null);
    assertThat(expired.path("expiredAccessTokens").asInt()).isPositive();
    long refreshes = emulator.stats().get("refreshes");
    long drafts = emulator.stats().get("gmail.draftsCreated");

    List<GoogleBrowser.Response> created =
        concurrently(
            20,
            i ->
                (i % 2 == 0 ? pair.onA() : pair.onB())
                    .post("/api/integrations/gmail/approvals", email("r" + i + "@example.com")));

    assertThat(created).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
    long refreshed = emulator.stats().get("refreshes") - refreshes;
    report(
        "token refresh",
        "20 calls needing Google across A and B: %d refresh at Google, %d drafts (%d ms)",
        refreshed,
        emulator.stats().get("gmail.draftsCreated") - drafts,
        elapsedMs(start));
    assertThat(refreshed).isEqualTo(1);
    assertThat(emulator.stats().get("gmail.draftsCreated") - drafts).isEqualTo(20);
  }

  @Test
  @Order(5)
  void theSameApprovalApprovedOnAAndBAtOnceIsExecutedOnce() throws Exception {
    long start = System.nanoTime();
    Pair pair = connectedPair("approver", 0);
    GoogleBrowser.Response requested =
        pair.onA().post("/api/integrations/gmail/approvals", email("friend@example.com"));
    assertThat(requested.status()).as(requested.body()).isEqualTo(201);
    String id = requested.json().at("/approval/id").asString();
    long sent = emulator.stats().get("gmail.messagesSent");

    List<GoogleBrowser.Response> decided =
        concurrently(
            2,
            i ->
                (i == 0 ? pair.onA() : pair.onB())
                    .post("/api/integrations/gmail/approvals/" + id, "{\"action\":\"approve\"}"));

    List<String> states =
        decided.stream().map(r -> r.status() + " " + r.json().at("/approval/status")).toList();
    report("approval", "approved on A and B at once: %s (%d ms)", states, elapsedMs(start));
    assertThat(decided).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(200));
    assertThat(states).anyMatch(state -> state.contains("executed"));
    assertThat(emulator.stats().get("gmail.messagesSent") - sent).isEqualTo(1);
    JsonNode after = pair.onB().get("/api/integrations/gmail/approvals/" + id).json();
    assertThat(after.at("/approval/status").asString()).isEqualTo("executed");
  }

  @Test
  @Order(6)
  void recurringSyncsOfFiftyUsersNeverOverlapAndSpreadOverBothInstances() {
    long start = System.nanoTime();
    // At least three rounds of the recurring sync for every user.
    Instant until = recurringFrom.plus(RECURRING_INTERVAL.multipliedBy(4));
    await(
        "three rounds of recurring syncs",
        () -> Instant.now().isAfter(until) ? Optional.of(true) : Optional.empty(),
        120);
    List<Run> runs =
        jdbc.sql(
                "select r.user_id, r.started_at, r.finished_at, r.ran_on, r.trigger from sync_runs r"
                    + " join users u on u.id = r.user_id where u.email like 'recurring-%'"
                    + " and r.integration = 'gmail' and r.started_at is not null"
                    + " order by r.user_id, r.started_at")
            .query(
                (rs, row) ->
                    new Run(
                        rs.getObject(1, UUID.class),
                        rs.getTimestamp(2).toInstant(),
                        Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant),
                        rs.getString(4),
                        rs.getString(5)))
            .list();
    Map<UUID, List<Run>> byUser = runs.stream().collect(Collectors.groupingBy(Run::userId));
    int overlaps = 0;
    for (List<Run> userRuns : byUser.values()) {
      for (int i = 1; i < userRuns.size(); i++) {
        Run previous = userRuns.get(i - 1);
        if (previous.finishedAt().isEmpty()
            || previous.finishedAt().get().isAfter(userRuns.get(i).startedAt())) {
          overlaps++;
        }
      }
    }
    Map<String, Long> scheduledOn =
        runs.stream()
            .filter(run -> run.trigger().equals("schedule"))
            .collect(Collectors.groupingBy(Run::ranOn, Collectors.counting()));
    long minPerUser =
        byUser.values().stream()
            .mapToLong(list -> list.stream().filter(r -> r.trigger().equals("schedule")).count())
            .min()
            .orElse(0);
    report(
        "recurring",
        "%d runs of %d users, recurring ones per instance %s, fewest per user %d, overlaps %d"
            + " (%d ms)",
        runs.size(),
        byUser.size(),
        scheduledOn,
        minPerUser,
        overlaps,
        elapsedMs(start));
    assertThat(byUser).hasSize(RECURRING_USERS);
    assertThat(overlaps).isZero();
    assertThat(minPerUser).isGreaterThanOrEqualTo(2);
    assertThat(scheduledOn.keySet()).containsExactlyInAnyOrder("theo-a", "theo-b");
  }

  @Test
  @Order(7)
  void sigkillOfTheInstanceRunningAGmailFullSyncLetsTheOtherFinishItExactly() throws Exception {
    long start = System.nanoTime();
    String email = account("fullsync");
    admin(
        "POST",
        "/emulator/accounts/" + email + "/gmail/generate",
        "{\"count\":" + FULL_SYNC_MESSAGES + ",\"seed\":3}");
    GoogleBrowser onA = new GoogleBrowser(a.port());
    long requestsBefore = emulator.stats().get("gmail.requests");
    signInAndConnect(onA, email);
    UUID userId = userId(email);
    // The first minute's quota comes at once: the run is past its first checkpoint quickly.
    FullRun running =
        await(
            "full sync past its first checkpoint",
            () -> activeRun(userId).filter(run -> run.processed() >= 700),
            120);
    TheoProcess owner = running.ranOn().equals("theo-a") ? a : b;
    TheoProcess survivor = owner == a ? b : a;

    owner.kill();
    Instant killed = Instant.now();

    FullRun last =
        await(
            "the full sync finished on the survivor",
            () -> {
              List<FullRun> all = runs(userId);
              FullRun latest = all.get(all.size() - 1);
              return latest.finishedAt().isPresent() && !latest.id().equals(running.id())
                  ? Optional.of(latest)
                  : Optional.empty();
            },
            180);
    FullRun resumed = runs(userId).stream().filter(r -> r.id().equals(last.id())).findFirst().get();
    long messages = count("select count(*) from gmail_messages where user_id = ?", userId);
    long distinct =
        count("select count(distinct id) from gmail_messages where user_id = ?", userId);
    long requests = emulator.stats().get("gmail.requests") - requestsBefore;
    report(
        "sigkill",
        "killed %s at %,d messages; %s resumed %d ms after the kill and finished %s: %,d rows"
            + " (%,d distinct) of %,d, %,d Gmail requests (%d ms)",
        running.ranOn(),
        running.processed(),
        resumed.ranOn(),
        Duration.between(killed, resumed.startedAt()).toMillis(),
        resumed.status(),
        messages,
        distinct,
        FULL_SYNC_MESSAGES,
        requests,
        elapsedMs(start));
    assertThat(resumed.ranOn()).isEqualTo(survivor == a ? "theo-a" : "theo-b");
    assertThat(resumed.trigger()).isEqualTo("resume");
    assertThat(resumed.status()).isEqualTo("succeeded");
    assertThat(messages).isEqualTo(FULL_SYNC_MESSAGES).isEqualTo(distinct);
    // From scratch the resumed run would have fetched every message again.
    assertThat(requests).isLessThan(FULL_SYNC_MESSAGES + running.processed());
    assertThat(survivor.healthy()).isTrue();
  }

  // ---- users ----

  private record Pair(String email, GoogleBrowser onA, GoogleBrowser onB) {}

  /** A person signed in through A with Gmail connected, and the same session on B. */
  private Pair connectedPair(String kind, int messages) throws Exception {
    String email = account(kind);
    if (messages > 0) {
      admin(
          "POST",
          "/emulator/accounts/" + email + "/gmail/generate",
          "{\"count\":" + messages + ",\"seed\":5}");
    }
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    GoogleBrowser onA = new GoogleBrowser("http://localhost:" + a.port(), cookies);
    signInAndConnect(onA, email);
    return new Pair(email, onA, new GoogleBrowser("http://localhost:" + b.port(), cookies));
  }

  private void connectRecurringUsers() throws Exception {
    // A few at a time: fifty sign-ins at once on a busy machine time out Theo's key fetches.
    ExecutorService connectors = Executors.newFixedThreadPool(4);
    List<Future<GoogleBrowser>> connecting = new ArrayList<>();
    for (int i = 0; i < RECURRING_USERS; i++) {
      TheoProcess server = i % 2 == 0 ? a : b;
      connecting.add(
          connectors.submit(
              () -> {
                String email = account("recurring");
                admin(
                    "POST",
                    "/emulator/accounts/" + email + "/gmail/generate",
                    "{\"count\":5,\"seed\":9}");
                GoogleBrowser browser = new GoogleBrowser(server.port());
                signInAndConnect(browser, email);
                return browser;
              }));
    }
    for (Future<GoogleBrowser> future : connecting) {
      recurringUsers.add(future.get());
    }
    connectors.shutdown();
    recurringFrom = Instant.now();
  }

  /**
   * Signs in and connects Gmail. On a machine with many times more work than cores an ID token is
   * now and then refused ({@code id_token_rejected}, about 1 in 50 flows at load average 20); the
   * person would try again, and so does this, counting it.
   */
  private void signInAndConnect(GoogleBrowser browser, String email) {
    String signedIn = browser.signIn(email);
    for (int attempt = 1; attempt <= 2 && signedIn.contains("error="); attempt++) {
      retries.incrementAndGet();
      signedIn = browser.signIn(email);
    }
    assertThat(signedIn).doesNotContain("error=");
    String connected = browser.connect("gmail", email, Set.of());
    for (int attempt = 1; attempt <= 2 && connected.contains("error="); attempt++) {
      retries.incrementAndGet();
      connected = browser.connect("gmail", email, Set.of());
    }
    assertThat(connected).contains("connected=gmail");
  }

  private String account(String kind) {
    String email = kind + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    emulator.accounts().create(email, kind);
    return email;
  }

  private UUID userId(String email) {
    return jdbc.sql("select id from users where email = ?").param(email).query(UUID.class).single();
  }

  private static String email(String to) {
    return "{\"to\":\"" + to + "\",\"subject\":\"Cluster\",\"body\":\"Hello from two instances\"}";
  }

  // ---- the runs ----

  private record Run(
      UUID userId, Instant startedAt, Optional<Instant> finishedAt, String ranOn, String trigger) {}

  private record FullRun(
      UUID id,
      String status,
      String trigger,
      long processed,
      Instant startedAt,
      Optional<Instant> finishedAt,
      String ranOn) {}

  private List<FullRun> runs(UUID userId) {
    return jdbc.sql(
            "select id, status, trigger, processed, started_at, finished_at, ran_on from sync_runs"
                + " where user_id = ? and integration = 'gmail' order by queued_at")
        .param(userId)
        .query(
            (rs, row) ->
                new FullRun(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getLong(4),
                    Optional.ofNullable(rs.getTimestamp(5)).map(Timestamp::toInstant).orElse(null),
                    Optional.ofNullable(rs.getTimestamp(6)).map(Timestamp::toInstant),
                    rs.getString(7)))
        .list();
  }

  private Optional<FullRun> activeRun(UUID userId) {
    return runs(userId).stream().filter(run -> run.status().equals("running")).findFirst();
  }

  private long count(String sql, UUID userId) {
    return jdbc.sql(sql).param(userId).query(Long.class).single();
  }

  // ---- helpers ----

  private interface Call {
    GoogleBrowser.Response send(int index);
  }

  /** {@code n} calls released at once; their answers in call order. */
  private List<GoogleBrowser.Response> concurrently(int n, Call call) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<GoogleBrowser.Response>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Callable<GoogleBrowser.Response> task =
          () -> {
            gate.await();
            return call.send(index);
          };
      futures.add(pool.submit(task));
    }
    gate.countDown();
    List<GoogleBrowser.Response> answers = new ArrayList<>();
    for (Future<GoogleBrowser.Response> future : futures) {
      answers.add(future.get());
    }
    return answers;
  }

  private static List<String> with(List<String> common, String name) {
    List<String> all = new ArrayList<>(common);
    all.add("--theo.instance-name=" + name);
    return all;
  }

  private static void awaitHealthy(TheoProcess server) {
    await(
        "instance healthy",
        () -> {
          if (!server.alive()) {
            throw new IllegalStateException("Instance exited:\n" + server.logTail(60));
          }
          return server.healthy() ? Optional.of(true) : Optional.empty();
        },
        300);
  }

  private JsonNode admin(String method, String path, String body) throws Exception {
    return ProcessTesting.emulatorAdmin(emulator.baseUrl(), method, path, body);
  }

  private static long elapsedMs(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toMillis();
  }

  private static void report(String scenario, String format, Object... args) {
    System.out.println("[cluster] " + scenario + ": " + String.format(format, args));
  }
}
