package theo.drive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.CheckedRun;
import theo.drive.DriveTesting.Person;
import theo.emulator.GoogleEmulator;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncType;

/**
 * On demand only ({@code -Dtheo.benchmark=true}, see app/README.md): a full sync of 10,000
 * generated Drive items (metadata, and the text of every Google Doc and small text file) under
 * Google's Drive quota, which the emulator enforces too ({@code -Dtheo.benchmark.drive-ceiling},
 * 12,000 requests per user per minute as Google's default), reporting the pace (requests per
 * minute) against the ceiling and whether Drive ever refused one; then an incremental run with no
 * change and the requests it made.
 */
@EnabledIfSystemProperty(named = "theo.benchmark", matches = "true")
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "theo.data-dir=target/theo-benchmark",
      "theo.embedded-postgres.persistent=false",
      "theo.google.emulator.port=0",
      "theo.google.emulator.demo-data=false",
      "theo.google.client-id=",
      "theo.drive.quota.requests-per-minute=${theo.benchmark.drive-ceiling:12000}",
      "theo.drive.quota.project-requests-per-minute=${theo.benchmark.drive-ceiling:12000}"
    })
class DriveSyncBenchmark {
  private static final int ITEMS = 10_000;

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired DriveSyncEngine engine;
  @Autowired DriveRepository files;
  @Autowired DriveProperties properties;

  @Test
  void fullSyncOfTenThousandFilesUnderDrivesQuotaThenIncrementalWithNoChange() throws Exception {
    int ceiling = properties.quota().requestsPerMinute();
    setEmulatorQuota(ceiling);
    Person person = DriveTesting.connect(emulator, port, Set.of());
    person.generate(ITEMS, 13);

    long requestsBefore = emulator.stats().get("drive.requests");
    long throttledBefore = emulator.stats().get("drive.throttled");
    long started = System.nanoTime();
    SyncResult full = engine.sync(person.userId(), SyncType.FULL, new CheckedRun());
    double fullSeconds = (System.nanoTime() - started) / 1e9;
    long requests = emulator.stats().get("drive.requests") - requestsBefore;
    long throttled = emulator.stats().get("drive.throttled") - throttledBefore;
    DriveRepository.Counts counts = files.counts(person.userId());

    long incrementalBefore = emulator.stats().get("drive.requests");
    long incrementalStart = System.nanoTime();
    SyncResult incremental = engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());
    long incrementalMillis = (System.nanoTime() - incrementalStart) / 1_000_000;
    long incrementalRequests = emulator.stats().get("drive.requests") - incrementalBefore;

    double pace = requests / (fullSeconds / 60.0);
    System.out.printf(
        "%nDRIVE BENCHMARK: %d generated items, ceiling %d requests/user/minute%n"
            + "  full sync: %d items (%d files, %d folders, %d trashed, %d with text) in %.1f s,"
            + " %d requests (%d file pages, the rest text), pace %.0f requests/min ="
            + " %.2f of the ceiling, %d refused by Drive%n"
            + "  incremental with no change: %d requests, %d ms, %d items processed%n%n",
        ITEMS,
        ceiling,
        full.processed(),
        counts.files(),
        counts.folders(),
        counts.trashed(),
        counts.withText(),
        fullSeconds,
        requests,
        (full.processed() + DriveSyncEngine.PAGE_SIZE - 1) / DriveSyncEngine.PAGE_SIZE,
        pace,
        pace / ceiling,
        throttled,
        incrementalRequests,
        incrementalMillis,
        incremental.processed());
    assertThat(full.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(incremental.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    assertThat(throttled).isZero();
  }

  private void setEmulatorQuota(int ceiling) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/emulator/quota"))
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"api\":\"drive\",\"userUnitsPerMinute\":"
                                + ceiling
                                + ",\"projectUnitsPerMinute\":"
                                + ceiling
                                + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }
}
