package theo.gmail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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

  /** Messages synced, unmeasured, before a quota-off run: a server that has synced before. */
  private static final int WARM_UP = Integer.getInteger("theo.benchmark.warmup", 5_000);

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
      if (WARM_UP > 0) {
        // The JIT compiles the sync's hot paths in the first seconds; a cold run would charge that
        // to the sync (about 10 CPU s on two cores) rather than measure the steady rate.
        Person warmUp = support.connect("warm-up", true);
        support.generate(warmUp.email(), WARM_UP, 7);
        engine.sync(warmUp.userId(), SyncType.FULL, TestRun.uninterrupted());
        awaitCompilerIdle();
      }
      record(measure(support, "quota off, after a warm-up of " + WARM_UP + " messages", 0));
    } finally {
      support.admin(
          "PUT",
          "/emulator/quota",
          "{\"api\":\"gmail\",\"userUnitsPerMinute\":6000,\"projectUnitsPerMinute\":1200000}");
      quota.unitsPerMinute(GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE);
    }
  }

  /**
   * Waits (at most a minute) until the JIT has compiled what the warm-up made hot: on two busy
   * cores its queue falls behind, and the backlog would be compiled during the measured sync.
   */
  private static void awaitCompilerIdle() throws InterruptedException {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    long last = compiler.getTotalCompilationTime();
    for (int quietSeconds = 0, waited = 0; quietSeconds < 3 && waited < 60; waited++) {
      Thread.sleep(1000);
      long now = compiler.getTotalCompilationTime();
      quietSeconds = now - last < 50 ? quietSeconds + 1 : 0;
      last = now;
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
    UnitTimeline timeline = new UnitTimeline(unitsBefore);
    // The unit timeline matters only at a ceiling; with quota off the sampler keeps out of the way.
    int sleepMillis = ceiling > 0 ? 2 : 50;
    int heapEvery = ceiling > 0 ? 25 : 1;
    Thread sampler =
        new Thread(
            () -> {
              Runtime runtime = Runtime.getRuntime();
              for (int tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
                if (ceiling > 0) {
                  timeline.sample(emulator.stats().get("gmail.unitsUsed"));
                }
                if (tick % heapEvery == 0) {
                  peakHeap.accumulateAndGet(
                      runtime.totalMemory() - runtime.freeMemory(), Math::max);
                }
                try {
                  Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    CpuAccount cpuBefore = CpuAccount.snapshot();
    timeline.start();
    sampler.start();
    SyncResult result = engine.sync(person.userId(), SyncType.FULL, TestRun.uninterrupted());
    double seconds = timeline.elapsedSeconds();
    CpuAccount cpuAfter = CpuAccount.snapshot();
    sampler.interrupt();
    sampler.join();
    timeline.sample(emulator.stats().get("gmail.unitsUsed"));
    long units = emulator.stats().get("gmail.unitsUsed") - unitsBefore;
    long throttled = emulator.stats().get("gmail.throttled") - throttledBefore;
    support.assertMirrors(person);
    String stored = storedBodies(person);
    if (ceiling == 0) {
      stored += postgresFloor(support, person);
    }
    double unitsPerMinute = units / (seconds / 60);
    StringBuilder report =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Gmail full sync, %s: %d messages in %.1f s = %.0f messages/s; %d units = %.0f"
                    + " units/min",
                label,
                result.processed(),
                seconds,
                result.processed() / seconds,
                units,
                unitsPerMinute));
    if (ceiling > 0) {
      report.append(
          String.format(
              Locale.ROOT, " = %.1f%% of the ceiling overall", 100 * unitsPerMinute / ceiling));
      long afterFirstMinute = units - timeline.unitsWithin(60);
      if (seconds > 60) {
        report.append(
            String.format(
                Locale.ROOT,
                "; after the first minute %.0f units/min = %.1f%%",
                afterFirstMinute / ((seconds - 60) / 60),
                100 * afterFirstMinute / ((seconds - 60) / 60) / ceiling));
      }
      if (units > ceiling) {
        double[] reuse = timeline.slotReuseSeconds(ceiling);
        report.append(
            String.format(
                Locale.ROOT,
                "; steady state %.1f%% of the ceiling (a unit's slot in the sliding minute"
                    + " reused after %.2f s on average, %.2f s at the soonest)",
                100 * 60 / reuse[0],
                reuse[0],
                reuse[1]));
      }
    }
    report.append(
        String.format(
            Locale.ROOT,
            "; throttled %d; peak heap %d MB (max %d MB, emulator in the same JVM); load average"
                + " %s%n  %s%n  %s%n",
            throttled,
            peakHeap.get() / (1024 * 1024),
            Runtime.getRuntime().maxMemory() / (1024 * 1024),
            loadAverage(),
            cpuAfter.since(cpuBefore, result.processed()),
            stored));
    System.out.print(report);
    assertThat(result.processed()).isEqualTo(MESSAGES);
    if (ceiling > 0) {
      assertThat(throttled).isZero();
    }
    return report.toString();
  }

  /** What the bodies cost PostgreSQL: their size as text and as stored (compressed or not). */
  private String storedBodies(Person person) {
    return jdbc.sql(
            """
            select count(*) as messages,
                coalesce(sum(octet_length(body_text)), 0) + coalesce(sum(octet_length(body_html)), 0)
                    as text_bytes,
                coalesce(sum(pg_column_size(body_text)), 0) + coalesce(sum(pg_column_size(body_html)), 0)
                    as stored_bytes
            from gmail_messages where user_id = :userId
            """)
        .param("userId", person.userId())
        .query(
            (row, n) -> {
              long messages = Math.max(1, row.getLong("messages"));
              return String.format(
                  Locale.ROOT,
                  "Bodies: %.1f KB of text per message, %.1f KB as PostgreSQL stores them;"
                      + " gmail_messages with its TOAST and indexes %d MB",
                  row.getLong("text_bytes") / 1024.0 / messages,
                  row.getLong("stored_bytes") / 1024.0 / messages,
                  jdbc.sql("select pg_total_relation_size('gmail_messages')")
                          .query(Long.class)
                          .single()
                      / (1024 * 1024));
            })
        .single();
  }

  /**
   * PostgreSQL's own share, measured apart: the synced rows copied into another user's mailbox by
   * one {@code insert ... select} in the server (no client, no protocol, no parsing; the same
   * table, indexes, TOAST and WAL). No ingestion path can make PostgreSQL spend less per message.
   */
  private String postgresFloor(GmailTestSupport support, Person source) throws Exception {
    Person copy = support.connect("floor", true);
    jdbc.sql("checkpoint").update();
    CpuAccount before = CpuAccount.snapshot();
    long started = System.nanoTime();
    int rows =
        jdbc.sql(
                """
                insert into gmail_messages (user_id, id, thread_id, from_address, to_addresses,
                    cc_addresses, subject, date_header, snippet, label_ids, internal_date,
                    size_estimate, history_id, body_text, body_html, sync_generation)
                select :copy, id, thread_id, from_address, to_addresses, cc_addresses, subject,
                    date_header, snippet, label_ids, internal_date, size_estimate, history_id,
                    body_text, body_html, sync_generation
                from gmail_messages where user_id = :source
                """)
            .param("copy", copy.userId())
            .param("source", source.userId())
            .update();
    double seconds = (System.nanoTime() - started) / 1e9;
    CpuAccount after = CpuAccount.snapshot();
    return String.format(
        Locale.ROOT,
        "%n  PostgreSQL alone (the same %d rows copied by insert ... select): %.1f s = %.0f rows/s;"
            + " %s",
        rows,
        seconds,
        rows / seconds,
        after.since(before, rows));
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (Exception e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /**
   * When each quota unit of the run was charged, from the emulator's unit counter sampled every few
   * milliseconds. Under a sliding-minute limit of L units, unit u may only be charged 60 s after
   * unit u - L: the time between the two is how long a slot of the minute took to be reused, and 60
   * s divided by its mean is the share of the ceiling a long sync sustains, whatever the phase of
   * the bursts the first minute starts.
   */
  private static final class UnitTimeline {
    private final long base;
    private final List<long[]> samples = new ArrayList<>();
    private long started;
    private long last;

    UnitTimeline(long base) {
      this.base = base;
      this.last = base;
    }

    void start() {
      started = System.nanoTime();
    }

    synchronized void sample(long counter) {
      if (counter != last) {
        samples.add(new long[] {System.nanoTime() - started, counter - base});
        last = counter;
      }
    }

    double elapsedSeconds() {
      return (System.nanoTime() - started) / 1e9;
    }

    /** Units charged in the first {@code seconds} of the run. */
    synchronized long unitsWithin(int seconds) {
      long units = 0;
      for (long[] sample : samples) {
        if (sample[0] > seconds * 1_000_000_000L) {
          break;
        }
        units = sample[1];
      }
      return units;
    }

    /** {mean, min} seconds between the charge of unit u - limit and of unit u, over all u. */
    synchronized double[] slotReuseSeconds(int limit) {
      int total = (int) samples.get(samples.size() - 1)[1];
      long[] chargedAt = new long[total + 1];
      long previous = 0;
      for (long[] sample : samples) {
        for (long unit = previous + 1; unit <= sample[1]; unit++) {
          chargedAt[(int) unit] = sample[0];
        }
        previous = sample[1];
      }
      double sum = 0;
      long min = Long.MAX_VALUE;
      for (int unit = limit + 1; unit <= total; unit++) {
        long gap = chargedAt[unit] - chargedAt[unit - limit];
        sum += gap;
        min = Math.min(min, gap);
      }
      return new double[] {sum / (total - limit) / 1e9, min / 1e9};
    }
  }
}
