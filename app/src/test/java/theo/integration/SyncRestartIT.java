package theo.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.ProcessTesting.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.ProcessTesting;
import theo.TheoProcess;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * Restart and crash with real processes: the packaged server is stopped with SIGTERM and killed
 * with SIGKILL in the middle of a Gmail and a Calendar full sync, started again on the same data
 * folder, and must resume both from their checkpoints by itself and end with exactly the emulator's
 * data. The emulator runs in this JVM, so the mailbox outlives every server process. The steps
 * share one server and data folder, in order, to keep the launches few.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class SyncRestartIT {
  // On demand, e.g. -Dtheo.restart.messages=20000 -Dtheo.restart.units-per-minute=60000.
  private static final int MESSAGES = Integer.getInteger("theo.restart.messages", 4_000);
  // 2,400 messages a minute (the first minute's come at once): a full sync lasts over a minute,
  // long enough to stop it midway while Calendar's runs too.
  private static final int GMAIL_UNITS_PER_MINUTE =
      Integer.getInteger("theo.restart.units-per-minute", 12_000);
  private static final int CALENDARS = 8;
  // About one Calendar request every 5 s: a full pass over the calendars takes most of a minute.
  private static final int CALENDAR_REQUESTS_PER_MINUTE = 12;
  // Past the third page of 500: a restart from scratch would fetch more than the checkpoint saves.
  private static final long STOP_AT = Math.max(1_500, MESSAGES * 35L / 100);

  @TempDir static Path dataDir;

  private GoogleEmulator emulator;
  private TheoProcess server;
  private GoogleBrowser browser;
  private JdbcClient jdbc;
  private String email;
  private UUID userId;
  private long requestsBefore;
  private UUID terminatedGmailRun;

  @BeforeAll
  void startEmulatorAndServerAndConnect() throws Exception {
    emulator =
        GoogleEmulator.start(EmulatorOptions.defaults().withPort(0).withSeedDemoAccounts(false));
    admin(
        "PUT",
        "/emulator/quota",
        "{\"api\":\"gmail\",\"userUnitsPerMinute\":" + GMAIL_UNITS_PER_MINUTE + "}");
    email = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    emulator.accounts().create(email, "Restart Tester");
    admin(
        "POST",
        "/emulator/accounts/" + email + "/gmail/generate",
        "{\"count\":" + MESSAGES + ",\"seed\":11}");
    admin(
        "POST",
        "/emulator/accounts/" + email + "/calendar/generate",
        "{\"calendars\":" + CALENDARS + ",\"eventsPerCalendar\":600,\"seed\":7}");
    server =
        new TheoProcess(
            dataDir.resolve("server"),
            List.of(
                "--theo.google.emulator.url=" + emulator.baseUrl(),
                "--theo.gmail.quota.units-per-minute=" + GMAIL_UNITS_PER_MINUTE,
                "--theo.calendar.quota.requests-per-minute=" + CALENDAR_REQUESTS_PER_MINUTE,
                "--theo.sync.interval=1h",
                // Only resumed runs finish these syncs: a push notification would add runs of its
                // own.
                "--theo.push.enabled=false"));
    Files.createDirectories(dataDir.resolve("server"));
    server.start();
    jdbc = server.jdbc();
    browser = new GoogleBrowser(server.port());
    browser.signIn(email);
    userId =
        jdbc.sql("select id from users where email = ?").param(email).query(UUID.class).single();
    requestsBefore = emulator.stats().get("gmail.requests");
    // Connecting starts each integration's first (full) sync.
    assertThat(browser.connect("gmail", email, Set.of())).contains("connected=gmail");
    assertThat(browser.connect("calendar", email, Set.of())).contains("connected=calendar");
  }

  @AfterAll
  void stopEverything() throws IOException {
    if (server != null) {
      server.close();
      // The servers' output outlives the temporary folder, for reading after a failure.
      Path kept = Files.createDirectories(Path.of("target/restart-it"));
      try (var logs = Files.newDirectoryStream(dataDir.resolve("server"), "theo-*.log")) {
        for (Path log : logs) {
          Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    if (emulator != null) {
      emulator.close();
    }
  }

  @Test
  @Order(1)
  void sigtermMidFullSyncExitsWithin30SecondsAndRecordsTheRunsAsInterrupted() throws Exception {
    Run gmail = awaitBothRunning();

    Duration shutdown = server.terminate(Duration.ofSeconds(60));

    report(
        "SIGTERM at %,d of %,d messages: exited in %d ms",
        gmail.processed(), MESSAGES, shutdown.toMillis());
    assertThat(server.alive()).isFalse();
    assertThat(shutdown).isLessThan(Duration.ofSeconds(30));
    assertThat(server.postgres()).as("PostgreSQL stopped with the server").isEmpty();
    String log = Files.readString(server.log());
    // The sync stopped first, then the job scheduler, the connection pool and PostgreSQL last.
    int interrupted = log.indexOf("interrupted by the shutdown");
    int scheduler = log.indexOf("Shutting down Scheduler");
    int pool = log.indexOf("theo-embedded - Shutdown completed");
    int postgres = log.indexOf("shut down postmaster");
    assertThat(interrupted).isPositive();
    assertThat(scheduler).isGreaterThan(interrupted);
    assertThat(pool).isGreaterThan(scheduler);
    assertThat(postgres).isGreaterThan(pool);
    terminatedGmailRun = gmail.id();
  }

  @Test
  @Order(2)
  void restartAfterSigtermResumesBothSyncsFromTheirCheckpointsAndEndsExact() throws Exception {
    Instant launched = Instant.now();
    server.start();
    Instant ready = Instant.now();
    Run stopped = run(terminatedGmailRun);
    assertThat(stopped.status()).isEqualTo("interrupted");
    assertThat(stopped.processed()).isGreaterThanOrEqualTo(STOP_AT);
    assertThat(runs("calendar")).extracting(Run::status).contains("interrupted");
    report(
        "SIGTERM checkpoints: Gmail %,d messages, Calendar %,d events",
        stopped.processed(),
        runs("calendar").stream()
            .filter(run -> run.status().equals("interrupted"))
            .mapToLong(Run::processed)
            .sum());
    Run resumed = await("resumed Gmail run", () -> resumeOf("gmail", stopped.id()), 120);
    report(
        "restart after SIGTERM: ready in %d ms, Gmail resumed %d ms after the launch (%d ms after"
            + " ready)",
        Duration.between(launched, ready).toMillis(),
        Duration.between(launched, resumed.startedAt()).toMillis(),
        Duration.between(ready, resumed.startedAt()).toMillis());
    assertThat(Duration.between(ready, resumed.startedAt())).isLessThan(Duration.ofMinutes(2));

    Run gmail = awaitSucceeded("gmail");
    Run calendar = awaitSucceeded("calendar");
    assertThat(gmail.trigger()).isEqualTo("resume");
    assertThat(calendar.trigger()).isEqualTo("resume");
    assertGmailExact();
    assertCalendarExact();
    long requests = emulator.stats().get("gmail.requests") - requestsBefore;
    report("Gmail requests for the interrupted and resumed full sync: %,d", requests);
    // From scratch the resumed run would have fetched every message again.
    assertThat(requests).isLessThan(MESSAGES + stopped.processed());
  }

  @Test
  @Order(3)
  void sigkillMidFullSyncThenRestartStopsTheOrphanedPostgresAndResumesWithinTwoMinutes()
      throws Exception {
    assertThat(startSync("gmail", "full").path("alreadyRunning").asBoolean()).isFalse();
    // Calendar's pass lasts about 40 s: started once Gmail is near the stop point, both run then.
    await("Gmail run past " + (STOP_AT - 700), () -> active("gmail", STOP_AT - 700), 300);
    assertThat(startSync("calendar", "full").path("alreadyRunning").asBoolean()).isFalse();
    Run gmail = awaitBothRunning();
    Run calendar = active("calendar", 0).orElseThrow();

    server.kill();
    Instant killed = Instant.now();
    Optional<ProcessHandle> orphan = server.postgres();
    assertThat(orphan).as("a SIGKILL leaves the PostgreSQL running").isPresent();

    server.start();
    Instant ready = Instant.now();
    assertThat(orphan.get().isAlive()).as("the orphaned PostgreSQL was stopped").isFalse();
    JsonNode again = startSync("gmail", "auto");
    if (again.path("alreadyRunning").asBoolean()) {
      assertThat(again.path("runId").asString()).isNotEqualTo(gmail.id().toString());
    }
    Run resumedGmail = await("resumed Gmail run", () -> resumeOf("gmail", gmail.id()), 120);
    Run resumedCalendar =
        await("resumed Calendar run", () -> resumeOf("calendar", calendar.id()), 120);
    report(
        "SIGKILL at %,d messages: restarted (ready) %d ms after the kill; Gmail resumed %d ms,"
            + " Calendar %d ms after the kill (%d and %d ms after ready)",
        gmail.processed(),
        Duration.between(killed, ready).toMillis(),
        Duration.between(killed, resumedGmail.startedAt()).toMillis(),
        Duration.between(killed, resumedCalendar.startedAt()).toMillis(),
        Duration.between(ready, resumedGmail.startedAt()).toMillis(),
        Duration.between(ready, resumedCalendar.startedAt()).toMillis());
    // Start-up itself takes what the machine gives it; the resume must follow within 2 minutes.
    assertThat(Duration.between(ready, resumedGmail.startedAt())).isLessThan(Duration.ofMinutes(2));
    assertThat(Duration.between(ready, resumedCalendar.startedAt()))
        .isLessThan(Duration.ofMinutes(2));
    assertThat(run(gmail.id()).status()).isEqualTo("interrupted");
    assertThat(run(calendar.id()).status()).isEqualTo("interrupted");

    awaitSucceeded("gmail");
    awaitSucceeded("calendar");
    Instant done = Instant.now();
    report(
        "SIGKILL: both syncs ended %d ms after the kill",
        Duration.between(killed, done).toMillis());
    assertGmailExact();
    assertCalendarExact();
    assertThat(schedulerNames()).as("each launch has its own scheduler name").hasSize(3);
    long logBytes = 0;
    for (int launch = 1; launch <= 3; launch++) {
      logBytes += Files.size(dataDir.resolve("server/theo-" + launch + ".log"));
    }
    report("log of three launches and three full syncs: %,d bytes", logBytes);
  }

  @Test
  @Order(4)
  void sigtermDuringStartupLeavesNoPostgresBehind() throws Exception {
    Path folder = Files.createDirectories(dataDir.resolve("startup"));
    try (TheoProcess starting =
        new TheoProcess(folder, List.of("--theo.google.emulator.url=" + emulator.baseUrl()))) {
      starting.launch();
      await(
          "embedded PostgreSQL started",
          () -> {
            try {
              return Files.readString(starting.log()).contains("Embedded PostgreSQL on port")
                  ? Optional.of(true)
                  : Optional.empty();
            } catch (IOException e) {
              return Optional.empty();
            }
          },
          120);
      assertThat(starting.healthy()).as("still starting").isFalse();

      Duration exit = starting.terminate(Duration.ofSeconds(60));

      report("SIGTERM during start-up: exited in %d ms", exit.toMillis());
      assertThat(starting.alive()).isFalse();
      assertThat(starting.postgres()).isEmpty();
      assertThat(starting.processesOnDataDir()).isEmpty();
    }
  }

  // ---- the server's rows ----

  private record Run(
      UUID id,
      String status,
      String trigger,
      long processed,
      Instant startedAt,
      Instant finishedAt,
      UUID resumedBy) {}

  private List<Run> runs(String integration) {
    return jdbc.sql(
            "select id, status, trigger, processed, started_at, finished_at, resumed_by"
                + " from sync_runs where user_id = ? and integration = ? order by queued_at")
        .param(userId)
        .param(integration)
        .query(
            (rs, row) ->
                new Run(
                    rs.getObject("id", UUID.class),
                    rs.getString("status"),
                    rs.getString("trigger"),
                    rs.getLong("processed"),
                    instant(rs.getTimestamp("started_at")),
                    instant(rs.getTimestamp("finished_at")),
                    rs.getObject("resumed_by", UUID.class)))
        .list();
  }

  private Run run(UUID id) {
    return runs("gmail").stream()
        .filter(run -> run.id().equals(id))
        .findFirst()
        .or(() -> runs("calendar").stream().filter(run -> run.id().equals(id)).findFirst())
        .orElseThrow();
  }

  private Optional<Run> active(String integration, long processedAtLeast) {
    return runs(integration).stream()
        .filter(run -> run.status().equals("running") && run.processed() >= processedAtLeast)
        .findFirst();
  }

  /**
   * Waits until Gmail's run is past {@link #STOP_AT} while Calendar's runs too; answers Gmail's.
   */
  private Run awaitBothRunning() {
    return await(
        "Gmail past " + STOP_AT + " and Calendar running",
        () -> active("calendar", 0).isPresent() ? active("gmail", STOP_AT) : Optional.empty(),
        300);
  }

  /** The run that resumed {@code interrupted}, once it has started. */
  private Optional<Run> resumeOf(String integration, UUID interrupted) {
    return runs(integration).stream()
        .filter(run -> run.id().equals(interrupted) && run.resumedBy() != null)
        .findFirst()
        .flatMap(
            run ->
                runs(integration).stream()
                    .filter(by -> by.id().equals(run.resumedBy()) && by.startedAt() != null)
                    .findFirst());
  }

  private Run awaitSucceeded(String integration) {
    Run last =
        await(
            integration + " sync ended",
            () -> {
              List<Run> all = runs(integration);
              Run latest = all.get(all.size() - 1);
              return latest.finishedAt() != null ? Optional.of(latest) : Optional.empty();
            },
            600);
    assertThat(last.status()).as("last %s run", integration).isEqualTo("succeeded");
    return last;
  }

  private List<String> schedulerNames() throws IOException {
    return java.util.stream.IntStream.rangeClosed(1, 3)
        .mapToObj(launch -> dataDir.resolve("server/theo-" + launch + ".log"))
        .map(
            path -> {
              try {
                return Files.readAllLines(path).stream()
                    .filter(line -> line.contains("Instance name: "))
                    .map(line -> line.substring(line.indexOf("Instance name: ")))
                    .findFirst()
                    .orElseThrow();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .distinct()
        .toList();
  }

  // ---- exactness ----

  /** Theo's copy has the mailbox's messages, threads and per-label counts, each message once. */
  private void assertGmailExact() throws Exception {
    JsonNode summary = admin("GET", "/emulator/accounts/" + email + "/gmail/summary", null);
    long messages = count("select count(*) from gmail_messages where user_id = ?");
    long distinct = count("select count(distinct id) from gmail_messages where user_id = ?");
    long threads = count("select count(*) from gmail_threads where user_id = ?");
    report(
        "Gmail: %,d rows (%,d distinct) for %,d messages at the emulator",
        messages, distinct, summary.path("messagesTotal").asLong());
    assertThat(messages).isEqualTo(MESSAGES).isEqualTo(summary.path("messagesTotal").asLong());
    assertThat(distinct).isEqualTo(messages);
    assertThat(threads).isEqualTo(summary.path("threadsTotal").asLong());
    Map<String, Long> labels = new HashMap<>();
    jdbc.sql(
            "select label, count(*) as n from gmail_messages, unnest(label_ids) label"
                + " where user_id = ? group by label")
        .param(userId)
        .query((rs, row) -> Map.entry(rs.getString("label"), rs.getLong("n")))
        .list()
        .forEach(entry -> labels.put(entry.getKey(), entry.getValue()));
    Map<String, Long> expected = new HashMap<>();
    summary
        .path("labels")
        .properties()
        .forEach(e -> expected.put(e.getKey(), e.getValue().asLong()));
    assertThat(labels).isEqualTo(expected);
    assertThat(
            jdbc.sql("select full_generation from gmail_sync_state where user_id = ?")
                .param(userId)
                .query((rs, row) -> Optional.ofNullable(rs.getObject(1)))
                .single())
        .as("no full sync in progress")
        .isEmpty();
  }

  /** Each selected calendar holds as many events as the emulator lists in its window, once each. */
  private void assertCalendarExact() throws Exception {
    record Stored(String id, Instant windowStart, Instant windowEnd, String pass, String token) {}
    List<Stored> calendars =
        jdbc.sql(
                "select calendar_id, window_start, window_end, pass, sync_token"
                    + " from calendar_calendars where user_id = ? and selected")
            .param(userId)
            .query(
                (rs, row) ->
                    new Stored(
                        rs.getString(1),
                        instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3)),
                        rs.getString(4),
                        rs.getString(5)))
            .list();
    // Theo selects the primary calendar and those the person owns among the generated ones.
    assertThat(calendars).hasSizeGreaterThanOrEqualTo(2);
    long total = 0;
    for (Stored calendar : calendars) {
      assertThat(calendar.pass()).as("no pass in progress on %s", calendar.id()).isNull();
      assertThat(calendar.token()).as("sync token of %s", calendar.id()).isNotNull();
      JsonNode summary =
          admin(
              "GET",
              "/emulator/accounts/"
                  + email
                  + "/calendar/summary?timeMin="
                  + calendar.windowStart()
                  + "&timeMax="
                  + calendar.windowEnd(),
              null);
      long expected = 0;
      for (JsonNode item : summary.path("calendars")) {
        if (item.path("id").asString().equals(calendar.id())) {
          expected = item.path("instances").asLong();
        }
      }
      long stored =
          jdbc.sql("select count(*) from calendar_events where user_id = ? and calendar_id = ?")
              .param(userId)
              .param(calendar.id())
              .query(Long.class)
              .single();
      assertThat(stored).as("events of %s", calendar.id()).isEqualTo(expected);
      total += stored;
    }
    report("Calendar: %,d events in %d calendars, as at the emulator", total, calendars.size());
    assertThat(total).isPositive();
  }

  private long count(String sql) {
    return jdbc.sql(sql).param(userId).query(Long.class).single();
  }

  // ---- HTTP ----

  private JsonNode startSync(String integration, String type) {
    GoogleBrowser.Response response =
        browser.post("/api/integrations/" + integration + "/sync", "{\"type\":\"" + type + "\"}");
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return response.json();
  }

  private JsonNode admin(String method, String path, String body) throws Exception {
    return ProcessTesting.emulatorAdmin(emulator.baseUrl(), method, path, body);
  }

  // ---- waiting and reporting ----

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static void report(String format, Object... args) {
    System.out.println("[restart] " + String.format(format, args));
  }
}
