package theo.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.CheckedRun;
import theo.emulator.GoogleEmulator;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncType;

/**
 * On demand only ({@code -Dtheo.benchmark=true}, see app/README.md): a full sync of 20 calendars ×
 * 2,000 generated events with Google's quota out of the way, reporting events ingested per second
 * and the peak heap of the JVM (which also hosts the emulator and its data).
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "theo.data-dir=target/theo-benchmark",
      "theo.embedded-postgres.persistent=false",
      "theo.google.emulator.port=0",
      "theo.google.client-id=",
      "theo.calendar.quota.requests-per-minute=100000000"
    })
class CalendarSyncBenchmark {
  private static final int CALENDARS = 20;
  private static final int EVENTS_PER_CALENDAR = 2000;

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired CalendarSyncEngine engine;
  @Autowired CalendarRepository calendars;
  @Autowired theo.google.GoogleApis access;

  @Test
  void fullSyncOfTwentyCalendarsWithTwoThousandEventsEach() throws Exception {
    String email = "bench-" + System.nanoTime() + "@example.com";
    emulator.accounts().create(email, "Benchmark");
    GoogleUser user =
        GoogleUser.connectCalendar("http://localhost:" + port, emulator.baseUrl(), email);
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/quota"))
                .header("Content-Type", "application/json")
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"api\":\"calendar\",\"userUnitsPerMinute\":100000000,"
                            + "\"projectUnitsPerMinute\":100000000}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    long generateStart = System.nanoTime();
    user.admin(
        "POST",
        "calendar/generate",
        Map.of("calendars", CALENDARS, "eventsPerCalendar", EVENTS_PER_CALENDAR, "seed", 11));
    long generateMillis = (System.nanoTime() - generateStart) / 1_000_000;
    engine.refreshCalendarList(user.userId, access.calendar(user.userId));
    calendars
        .calendars(user.userId)
        .forEach(c -> calendars.setSelected(user.userId, c.id(), true, Instant.now()));

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.setDaemon(true);
    sampler.start();
    long requestsBefore = emulator.stats().get("calendar.requests");
    long started = System.nanoTime();
    SyncResult full = engine.sync(user.userId, SyncType.FULL, new CheckedRun());
    long fullMillis = (System.nanoTime() - started) / 1_000_000;
    long requests = emulator.stats().get("calendar.requests") - requestsBefore;
    sampler.interrupt();
    sampler.join();
    long stored = calendars.eventCount(user.userId);

    long incrementalStart = System.nanoTime();
    SyncResult incremental = engine.sync(user.userId, SyncType.AUTO, new CheckedRun());
    long incrementalMillis = (System.nanoTime() - incrementalStart) / 1_000_000;

    System.out.printf(
        "%nCALENDAR BENCHMARK: %d calendars x %d generated events (generated in %d ms)%n"
            + "  full sync: %d events stored in %d ms = %.0f events/s, %d API requests%n"
            + "  heap: baseline %d MiB, peak %d MiB (peak - baseline %d MiB; max heap %d MiB;"
            + " the emulator shares this JVM)%n"
            + "  incremental run with no changes: %d ms%n%n",
        CALENDARS,
        EVENTS_PER_CALENDAR,
        generateMillis,
        stored,
        fullMillis,
        stored * 1000.0 / fullMillis,
        requests,
        baseline >> 20,
        peak.get() >> 20,
        (peak.get() - baseline) >> 20,
        memory.getHeapMemoryUsage().getMax() >> 20,
        incrementalMillis);
    assertThat(full.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(full.processed()).isEqualTo(stored);
    assertThat(incremental.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    assertThat(calendars.selectedCalendarCount(user.userId)).isEqualTo(CALENDARS);
  }
}
