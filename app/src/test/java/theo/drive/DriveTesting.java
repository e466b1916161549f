package theo.drive;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.GoogleBrowser;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Drive tests share: a person who connected Drive through the real consent flow, the
 * emulator's admin API for their drive, and the exact comparison of what Theo stored with what
 * Drive lists.
 */
final class DriveTesting {
  private static final AtomicInteger PEOPLE = new AtomicInteger();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private DriveTesting() {}

  /** A signed-in person with Drive connected (minus {@code untick}) and its first sync ended. */
  record Person(String email, UUID userId, GoogleBrowser browser, String emulatorBase) {

    /** Calls the emulator's admin API for this drive: {@code drive/...}. */
    JsonNode admin(String method, String path, Object body) throws Exception {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(emulatorBase + "/emulator/accounts/" + email + "/" + path))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
      return JSON.readTree(response.body());
    }

    JsonNode generate(int count, int seed) throws Exception {
      return admin("POST", "drive/generate", Map.of("count", count, "seed", seed));
    }
  }

  static Person connect(GoogleEmulator emulator, int port, Set<String> untick) {
    String email = "drive" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Drive Tester");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);
    assertThat(browser.connect("drive", email, untick)).doesNotContain("error");
    browser.awaitSyncEnded("drive");
    UUID userId =
        UUID.fromString(
            browser.get("/api/integrations/status").json().path("user").path("id").asString());
    return new Person(email, userId, browser, emulator.baseUrl());
  }

  /** Every file Drive lists for the person, trashed ones included, as Theo would store it. */
  static List<DriveFile> listedByDrive(Drive drive) throws IOException {
    List<DriveFile> all = new ArrayList<>();
    String pageToken = null;
    do {
      FileList page =
          drive
              .files()
              .list()
              .setPageSize(1000)
              .setFields("nextPageToken,files(" + DriveSyncEngine.FILE_FIELDS + ")")
              .setPageToken(pageToken)
              .execute();
      for (File file : page.getFiles()) {
        all.add(DriveSyncEngine.map(file));
      }
      pageToken = page.getNextPageToken();
    } while (pageToken != null);
    return all;
  }

  /** Every file Theo stored for the person. */
  static List<DriveFile> stored(JdbcClient jdbc, DriveRepository files, UUID userId) {
    return files
        .files(userId, new DriveRepository.FileQuery(null, null, List.of(), 1_000_000, null))
        .items();
  }

  /** Theo's store equals Drive's listing: same files, same metadata. */
  static void assertExact(JdbcClient jdbc, DriveRepository files, Drive drive, UUID userId)
      throws IOException {
    List<DriveFile> expected = sortedById(listedByDrive(drive));
    assertThat(expected).isNotEmpty();
    assertThat(sortedById(stored(jdbc, files, userId))).isEqualTo(expected);
  }

  private static List<DriveFile> sortedById(List<DriveFile> files) {
    return files.stream().sorted(java.util.Comparator.comparing(DriveFile::id)).toList();
  }
}
