package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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

/**
 * On demand only ({@code -Dtheo.benchmark=true}, see app/README.md): a full sync of a generated
 * mailbox at Google's per-user quota ceiling, then with quota off; prints messages/s, units/min
 * against the ceiling, throttled requests and peak heap, and appends them to
 * target/gmail-benchmark.txt.
 */
@TheoTest
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
class GmailSyncBenchmark {
  private static final int MESSAGES = Integer.getInteger("theo.benchmark.messages", 10_000);

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired JdbcClient jdbc;
  @Autowired GoogleAccounts googleAccounts;
  @Autowired GmailSyncEngine engine;
  @Autowired GmailQuota quota;

  @Test
  void fullSyncAtTheQuotaCeiling() throws Exception {
    GmailTestSupport support = new GmailTestSupport(port, emulator, jdbc, googleAccounts);
    int ceiling = GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE;
    support.quota(quota, ceiling);
    record(measure(support, "quota ceiling " + ceiling + " units/min/user", ceiling));
  }

  @Test
  void fullSyncWithQuotaOff() throws Exception {
    GmailTestSupport support = new GmailTestSupport(port, emulator, jdbc, googleAccounts);
    support.admin(
        "PUT",
        "/emulator/quota",
        "{\"api\":\"gmail\",\"userUnitsPerMinute\":1000000000,"
            + "\"projectUnitsPerMinute\":1000000000}");
    quota.unitsPerMinute(0);
    try {
      record(measure(support, "quota off", 0));
    } finally {
      support.admin(
          "PUT",
          "/emulator/quota",
          "{\"api\":\"gmail\",\"userUnitsPerMinute\":6000,\"projectUnitsPerMinute\":1200000}");
      quota.unitsPerMinute(GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE);
    }
  }

  private static void record(String report) throws Exception {
    Files.writeString(
        Path.of("target/gmail-benchmark.txt"),
        report,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private String measure(GmailTestSupport support, String label, int ceiling) throws Exception {
    Person person = support.connect("bench", true);
    support.generate(person.email(), MESSAGES, 42);
    long unitsBefore = emulator.stats().get("gmail.unitsUsed");
    long throttledBefore = emulator.stats().get("gmail.throttled");
    System.gc();
    AtomicLong peakHeap = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              Runtime runtime = Runtime.getRuntime();
              while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long started = System.nanoTime();
    SyncResult result = engine.sync(person.userId(), SyncType.FULL, TestRun.uninterrupted());
    double seconds = (System.nanoTime() - started) / 1e9;
    sampler.interrupt();
    long units = emulator.stats().get("gmail.unitsUsed") - unitsBefore;
    long throttled = emulator.stats().get("gmail.throttled") - throttledBefore;
    support.assertMirrors(person);
    double unitsPerMinute = units / (seconds / 60);
    String report =
        String.format(
            Locale.ROOT,
            "Gmail full sync, %s: %d messages in %.1f s = %.0f messages/s; %d units = %.0f"
                + " units/min%s; throttled %d; peak heap %d MB (max %d MB, emulator in the same"
                + " JVM)%n",
            label,
            result.processed(),
            seconds,
            result.processed() / seconds,
            units,
            unitsPerMinute,
            ceiling == 0
                ? ""
                : String.format(
                    Locale.ROOT, " = %.1f%% of the ceiling", 100 * unitsPerMinute / ceiling),
            throttled,
            peakHeap.get() / (1024 * 1024),
            Runtime.getRuntime().maxMemory() / (1024 * 1024));
    System.out.print(report);
    assertThat(result.processed()).isEqualTo(MESSAGES);
    if (ceiling > 0) {
      assertThat(throttled).isZero();
    }
    return report;
  }
}
