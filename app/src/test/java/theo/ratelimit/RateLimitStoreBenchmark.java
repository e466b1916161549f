package theo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import theo.GoogleBrowser;
import theo.TheoApplication;
import theo.emulator.GoogleEmulator;

/**
 * On demand only ({@code -Dtheo.benchmark=true}, see app/README.md): {@code GET
 * /api/integrations/gmail/connect} requests/s of one server counting limits in PostgreSQL and of
 * one counting them in memory, started side by side and measured in alternating rounds; prints both
 * rates and their ratio (goal ≥ 0.8).
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
class RateLimitStoreBenchmark {
  private static final int CLIENTS = Integer.getInteger("theo.benchmark.clients", 8);
  private static final long ROUND_MILLIS = Long.getLong("theo.benchmark.round-ms", 10_000);
  private static final int ROUNDS = Integer.getInteger("theo.benchmark.rounds", 3);
  private static final String PATH = "/api/integrations/gmail/connect";

  @Test
  void connectStatusRequestsPerSecondWithPostgresqlAgainstMemory() throws Exception {
    try (ConfigurableApplicationContext memory = start("memory", null);
        ConfigurableApplicationContext postgresql =
            start("postgresql", memory.getBean(EmbeddedPostgres.class))) {
      List<GoogleBrowser> memoryUsers = signIn(memory);
      List<GoogleBrowser> postgresqlUsers = signIn(postgresql);
      // Warm-up: the JIT, the connection pools and the buckets' rows.
      measure(memoryUsers, ROUND_MILLIS / 2);
      measure(postgresqlUsers, ROUND_MILLIS / 2);
      long memoryRequests = 0;
      long postgresqlRequests = 0;
      for (int round = 0; round < ROUNDS; round++) {
        memoryRequests += measure(memoryUsers, ROUND_MILLIS);
        postgresqlRequests += measure(postgresqlUsers, ROUND_MILLIS);
      }
      double seconds = ROUNDS * ROUND_MILLIS / 1000.0;
      double memoryRate = memoryRequests / seconds;
      double postgresqlRate = postgresqlRequests / seconds;
      System.out.printf(
          Locale.ROOT,
          "GET %s, %d clients (one user each), %d rounds of %d ms:%n"
              + "  memory     %.0f requests/s%n"
              + "  postgresql %.0f requests/s%n"
              + "  postgresql / memory = %.2f%n",
          PATH,
          CLIENTS,
          ROUNDS,
          ROUND_MILLIS,
          memoryRate,
          postgresqlRate,
          postgresqlRate / memoryRate);
      double memoryConsumes = consumesPerSecond(memory.getBean(RateLimiter.class));
      double postgresqlConsumes = consumesPerSecond(postgresql.getBean(RateLimiter.class));
      System.out.printf(
          Locale.ROOT,
          "RateLimiter.tryConsume alone, %d threads, distinct users:%n"
              + "  memory     %.0f/s%n"
              + "  postgresql %.0f/s (%.2f ms per consume and thread)%n",
          CLIENTS,
          memoryConsumes,
          postgresqlConsumes,
          CLIENTS * 1000.0 / postgresqlConsumes);
      assertThat(memoryRequests).isPositive();
      assertThat(postgresqlRequests).isPositive();
    }
  }

  /** A server counting in {@code store}; on {@code database} when given, like a second instance. */
  private static ConfigurableApplicationContext start(String store, EmbeddedPostgres database) {
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=0",
                "--management.server.port=0",
                "--theo.data-dir=target/benchmark-" + store,
                "--theo.embedded-postgres.persistent=false",
                "--theo.google.emulator.port=0",
                "--theo.google.client-id=",
                "--theo.google.emulator.demo-data=false",
                "--db-scheduler.enabled=false",
                "--logging.level.root=WARN",
                "--theo.rate-limit.store=" + store,
                // Every request is allowed and still counted: the measure is the counting's cost.
                "--theo.rate-limit.limits.gmailConnectStatus.requests=1000000000"));
    if (database != null) {
      arguments.add("--spring.datasource.url=" + database.getJdbcUrl("postgres", "postgres"));
      arguments.add("--spring.datasource.username=postgres");
      arguments.add("--theo.single-instance=true");
    }
    // Arguments, unlike default properties, win over application.yml.
    return new SpringApplicationBuilder(TheoApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  private static List<GoogleBrowser> signIn(ConfigurableApplicationContext context) {
    int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    GoogleEmulator emulator = context.getBean(GoogleEmulator.class);
    List<GoogleBrowser> users = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String email = "bench-" + i + "-" + UUID.randomUUID() + "@example.com";
      emulator.accounts().create(email, "Bench " + i);
      GoogleBrowser browser = new GoogleBrowser(port);
      browser.signIn(email);
      users.add(browser);
    }
    return users;
  }

  /** Consumes per second of the server's own limiter, called directly from several threads. */
  private static double consumesPerSecond(RateLimiter limiter) throws Exception {
    RateLimit limit = RateLimit.perMinute("benchmark", 1_000_000_000);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    AtomicBoolean running = new AtomicBoolean(true);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        String key = "user:consume-" + i;
        counts.add(
            pool.submit(
                () -> {
                  long consumed = 0;
                  while (running.get()) {
                    consumed += limiter.tryConsume(limit, key).allowed() ? 1 : 0;
                  }
                  return consumed;
                }));
      }
      Thread.sleep(ROUND_MILLIS);
      running.set(false);
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total * 1000.0 / ROUND_MILLIS;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Requests answered within the duration, every one checked to be a counted 200. */
  private static long measure(List<GoogleBrowser> users, long millis) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(users.size());
    AtomicBoolean running = new AtomicBoolean(true);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (GoogleBrowser user : users) {
        counts.add(
            pool.submit(
                () -> {
                  long answered = 0;
                  while (running.get()) {
                    GoogleBrowser.Response response = user.get(PATH);
                    if (response.status() != 200
                        || response.header("X-RateLimit-Remaining") == null) {
                      throw new IllegalStateException("Unexpected answer " + response.status());
                    }
                    answered++;
                  }
                  return answered;
                }));
      }
      Thread.sleep(millis);
      running.set(false);
      long total = 0;
      for (Future<Long> count : counts) {
        total += count.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
