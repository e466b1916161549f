package theo.cluster;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import theo.GoogleBrowser;
import theo.TheoProcess;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/**
 * On demand only ({@code -Dtheo.benchmark=true}, after {@code package}): capacity of packaged
 * servers on one PostgreSQL started on its own, against one emulator in this JVM. Prints figures;
 * asserts nothing timed.
 *
 * <ul>
 *   <li>{@link #schedulerLag}: connected users with recurring syncs of small mailboxes; the load of
 *       10,000 users every 5 minutes (33 syncs/s) scaled down to {@code theo.benchmark.users} users
 *       at a proportionally shorter interval. Lag from due to started (p50, p99) and the server's
 *       CPU per no-change incremental sync.
 *   <li>{@link #hundredFullSyncsOnOneInstance}, {@link #hundredFullSyncsOnTwoInstances}: 100 users
 *       start a Gmail full sync together, at a per-user ceiling scaled down so this machine can
 *       serve it; each user's pace ÷ the pace of one user alone at the ceiling, quota refusals at
 *       the emulator, peak heap per instance, runs per instance.
 * </ul>
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
class ClusterCapacityBenchmark {
  private static final int USERS = Integer.getInteger("theo.benchmark.users", 500);
  private static final Duration MEASURE =
      Duration.ofSeconds(Integer.getInteger("theo.benchmark.measure-seconds", 120));
  private static final int FULL_SYNC_USERS = Integer.getInteger("theo.benchmark.full-users", 100);
  private static final int MESSAGES = Integer.getInteger("theo.benchmark.messages", 120);
  private static final int CEILING = Integer.getInteger("theo.benchmark.units-per-minute", 300);

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void schedulerLag() throws Exception {
    // 10,000 users every 300 s is 33.3 syncs/s; the same rate with fewer users.
    Duration interval = Duration.ofMillis(USERS * 300_000L / 10_000);
    try (Cluster cluster = new Cluster(1, List.of("--theo.sync.interval=" + interval))) {
      List<String> emails = cluster.connectUsers("lag", USERS, 5);
      Instant from = Instant.now().plus(interval);
      Thread.sleep(interval.toMillis());
      Duration cpuBefore = cluster.cpu(0);
      Thread.sleep(MEASURE.toMillis());
      Duration cpu = cluster.cpu(0).minus(cpuBefore);
      Instant to = Instant.now();
      List<Long> lags = new ArrayList<>();
      long runs = 0;
      Map<UUID, List<Timestamp[]>> byUser =
          cluster
              .jdbc
              .sql(
                  "select user_id, queued_at, finished_at from sync_runs where trigger = 'schedule'"
                      + " order by user_id, queued_at")
              .query(
                  (rs, row) ->
                      Map.entry(
                          rs.getObject(1, UUID.class),
                          new Timestamp[] {rs.getTimestamp(2), rs.getTimestamp(3)}))
              .list()
              .stream()
              .collect(
                  Collectors.groupingBy(
                      Map.Entry::getKey,
                      Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
      for (List<Timestamp[]> userRuns : byUser.values()) {
        for (int i = 1; i < userRuns.size(); i++) {
          Timestamp[] previous = userRuns.get(i - 1);
          Instant queued = userRuns.get(i)[0].toInstant();
          if (previous[1] == null || queued.isBefore(from) || queued.isAfter(to)) {
            continue;
          }
          Instant due = previous[1].toInstant().plus(interval);
          lags.add(Duration.between(due, queued).toMillis());
        }
      }
      runs =
          cluster
              .jdbc
              .sql(
                  "select count(*) from sync_runs where trigger = 'schedule' and started_at >= ?"
                      + " and started_at < ?")
              .param(Timestamp.from(from))
              .param(Timestamp.from(to))
              .query(Long.class)
              .single();
      Collections.sort(lags);
      report(
          "scheduler: %d users every %d ms (= 10,000 every 300 s), %d s measured: %d recurring runs"
              + " (%.1f/s, expected %.1f/s); lag due→started p50 %d ms, p99 %d ms, max %d ms;"
              + " server CPU %d ms per no-change incremental sync; %d users connected: %s",
          USERS,
          interval.toMillis(),
          Duration.between(from, to).toSeconds(),
          runs,
          runs / (double) Duration.between(from, to).toSeconds(),
          USERS * 1000.0 / interval.toMillis(),
          percentile(lags, 50),
          percentile(lags, 99),
          lags.isEmpty() ? 0 : lags.get(lags.size() - 1),
          runs == 0 ? 0 : cpu.toMillis() / runs,
          emails.size(),
          lags.size() + " lags");
    }
  }

  @Test
  void hundredFullSyncsOnOneInstance() throws Exception {
    fullSyncs(1);
  }

  @Test
  void hundredFullSyncsOnTwoInstances() throws Exception {
    fullSyncs(2);
  }

  private void fullSyncs(int instances) throws Exception {
    try (Cluster cluster =
        new Cluster(
            instances,
            List.of("--theo.sync.interval=1h", "--theo.gmail.quota.units-per-minute=" + CEILING))) {
      cluster.admin(
          "PUT", "/emulator/quota", "{\"api\":\"gmail\",\"userUnitsPerMinute\":" + CEILING + "}");
      List<String> emails = cluster.connectUsers("full", FULL_SYNC_USERS + 1, 0);
      for (String email : emails) {
        cluster.admin(
            "POST",
            "/emulator/accounts/" + email + "/gmail/generate",
            "{\"count\":" + MESSAGES + ",\"seed\":5}");
      }
      // One user alone at the ceiling: the pace the others are compared with.
      String alone = emails.get(0);
      cluster.fullSync(alone);
      Duration baseline = cluster.awaitFullSync(List.of(alone)).get(alone);
      long throttled = cluster.emulator.stats().get("gmail.throttled");
      List<String> together = emails.subList(1, emails.size());
      cluster.heapPeaks.replaceAll((i, v) -> 0L);
      Instant started = Instant.now();
      ExecutorService starters = Executors.newFixedThreadPool(16);
      List<Future<?>> starts = new ArrayList<>();
      for (String email : together) {
        starts.add(starters.submit(() -> cluster.fullSync(email)));
      }
      for (Future<?> start : starts) {
        start.get();
      }
      starters.shutdown();
      Map<String, Duration> durations = cluster.awaitFullSync(together);
      Duration wall = Duration.between(started, Instant.now());
      List<Double> ratios =
          durations.values().stream()
              .map(d -> baseline.toMillis() / (double) d.toMillis())
              .sorted()
              .toList();
      Map<String, Long> perInstance =
          cluster
              .jdbc
              .sql(
                  "select ran_on, count(*) from sync_runs where trigger <> 'schedule'"
                      + " and requested_type = 'full' and started_at >= ? group by ran_on")
              .param(Timestamp.from(started))
              .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      report(
          "%d full syncs together on %d instance(s), %d messages each, ceiling %d units/min/user:"
              + " one user alone %d ms; together wall %d ms; pace ÷ ceiling min %.2f, p50 %.2f,"
              + " max %.2f, %d of %d ≥ 0.95; quota refusals at the emulator %d; peak heap MB %s;"
              + " runs per instance %s",
          together.size(),
          instances,
          MESSAGES,
          CEILING,
          baseline.toMillis(),
          wall.toMillis(),
          ratios.get(0),
          ratios.get(ratios.size() / 2),
          ratios.get(ratios.size() - 1),
          ratios.stream().filter(r -> r >= 0.95).count(),
          ratios.size(),
          cluster.emulator.stats().get("gmail.throttled") - throttled,
          cluster.heapPeaks.values().stream().map(b -> b / (1024 * 1024)).toList(),
          perInstance);
    }
  }

  /** PostgreSQL, the emulator and {@code size} servers with the same keys. */
  private final class Cluster implements AutoCloseable {
    final EmbeddedPostgres postgres;
    final JdbcClient jdbc;
    final GoogleEmulator emulator;
    final List<TheoProcess> servers = new ArrayList<>();
    final Map<Integer, Long> heapPeaks = new java.util.concurrent.ConcurrentHashMap<>();
    final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    Cluster(int size, List<String> properties) throws IOException {
      postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
      String url = postgres.getJdbcUrl("postgres", "postgres");
      jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
      emulator =
          GoogleEmulator.start(EmulatorOptions.defaults().withPort(0).withSeedDemoAccounts(false));
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      for (int i = 0; i < size; i++) {
        List<String> all = new ArrayList<>(properties);
        all.addAll(
            List.of(
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--theo.crypto.keys=bench-1:" + Base64.getEncoder().encodeToString(key),
                "--theo.google.emulator.url=" + emulator.baseUrl(),
                "--theo.instance-name=theo-" + (char) ('a' + i),
                "--logging.level.root=WARN",
                "--logging.level.theo=WARN"));
        TheoProcess server =
            new TheoProcess(Files.createDirectories(dataDir.resolve("s" + i)), all);
        servers.add(server);
        server.start();
        heapPeaks.put(i, 0L);
      }
      sampler.scheduleWithFixedDelay(this::sampleHeap, 1, 1, TimeUnit.SECONDS);
    }

    List<String> connectUsers(String kind, int count, int messages) throws Exception {
      ExecutorService connectors = Executors.newFixedThreadPool(4);
      List<Future<String>> connecting = new ArrayList<>();
      AtomicLong index = new AtomicLong();
      for (int i = 0; i < count; i++) {
        connecting.add(
            connectors.submit(
                () -> {
                  long n = index.getAndIncrement();
                  String email =
                      kind
                          + "-"
                          + n
                          + "-"
                          + UUID.randomUUID().toString().substring(0, 6)
                          + "@example.com";
                  emulator.accounts().create(email, kind);
                  if (messages > 0) {
                    admin(
                        "POST",
                        "/emulator/accounts/" + email + "/gmail/generate",
                        "{\"count\":" + messages + ",\"seed\":9}");
                  }
                  GoogleBrowser browser = browser(email);
                  // A refused ID token (now and then on a busy machine): try again, as a person.
                  retry(() -> browser.signIn(email));
                  retry(() -> browser.connect("gmail", email, Set.of()));
                  browser.awaitSyncEnded("gmail");
                  return email;
                }));
      }
      List<String> emails = new ArrayList<>();
      for (Future<String> future : connecting) {
        emails.add(future.get());
      }
      connectors.shutdown();
      return emails;
    }

    private final Map<String, GoogleBrowser> browsers =
        new java.util.concurrent.ConcurrentHashMap<>();

    GoogleBrowser browser(String email) {
      return browsers.computeIfAbsent(
          email,
          e -> new GoogleBrowser(servers.get(Math.abs(e.hashCode()) % servers.size()).port()));
    }

    void fullSync(String email) {
      GoogleBrowser.Response started =
          browser(email).post("/api/integrations/gmail/sync", "{\"type\":\"full\"}");
      if (started.status() != 202) {
        throw new IllegalStateException(started.toString());
      }
    }

    /** Waits for each user's newest full run to end; answers its started→finished time. */
    Map<String, Duration> awaitFullSync(List<String> emails) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
      while (System.nanoTime() < deadline) {
        List<Map<String, Object>> rows =
            jdbc.sql(
                    "select distinct on (u.email) u.email, r.status, r.started_at, r.finished_at"
                        + " from sync_runs r join users u on u.id = r.user_id"
                        + " where r.requested_type = 'full' and r.trigger <> 'connect'"
                        + " and u.email = any(?) order by u.email, r.queued_at desc")
                .param(emails.toArray(String[]::new))
                .query()
                .listOfRows();
        if (rows.size() == emails.size()
            && rows.stream().allMatch(r -> r.get("finished_at") != null)) {
          return rows.stream()
              .collect(
                  Collectors.toMap(
                      r -> (String) r.get("email"),
                      r ->
                          Duration.between(
                              ((Timestamp) r.get("started_at")).toInstant(),
                              ((Timestamp) r.get("finished_at")).toInstant())));
        }
        Thread.sleep(1_000);
      }
      throw new IllegalStateException("Full syncs did not end in 20 minutes");
    }

    Duration cpu(int server) {
      return servers.get(server).process().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private void sampleHeap() {
      for (int i = 0; i < servers.size(); i++) {
        try {
          HttpResponse<String> metrics =
              http.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + servers.get(i).managementPort()
                                  + "/actuator/prometheus"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          long heap =
              metrics
                  .body()
                  .lines()
                  .filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
                  .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                  .sum();
          heapPeaks.merge(i, heap, Math::max);
        } catch (Exception e) {
          // a sample missed; the next one counts
        }
      }
    }

    void admin(String method, String path, String body) throws Exception {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                  .header("Content-Type", "application/json")
                  .method(method, HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(method + " " + path + ": " + response.statusCode());
      }
    }

    @Override
    public void close() {
      sampler.shutdownNow();
      servers.forEach(TheoProcess::close);
      emulator.close();
      try {
        postgres.close();
      } catch (IOException e) {
        // the temporary database goes with the JVM
      }
    }
  }

  private static void retry(java.util.function.Supplier<String> flow) {
    for (int attempt = 0; attempt < 3 && flow.get().contains("error="); attempt++) {
      // the flow ended on an error page: once more
    }
  }

  private static long percentile(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(
        Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
  }

  private static void report(String format, Object... args) {
    String line = "[capacity] " + String.format(format, args);
    System.out.println(line);
    try {
      Files.writeString(
          Path.of("target/cluster-capacity.txt"),
          line + "\n",
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      // printed anyway
    }
  }
}
