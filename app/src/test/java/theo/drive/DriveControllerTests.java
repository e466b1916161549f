package theo.drive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.CheckedRun;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.drive.DriveTesting.Person;
import theo.emulator.GoogleEmulator;
import theo.integration.spi.SyncType;
import tools.jackson.databind.JsonNode;

/** The Drive read API and settings over real HTTP, after a sync against the emulator. */
@TheoTest
class DriveControllerTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired DriveSyncEngine engine;

  @Test
  void filesWhenPagedThenEveryFileOnceNewestFirstWithTheDocumentedFields() throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    person.generate(130, 21);
    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());

    List<JsonNode> items = new ArrayList<>();
    String cursor = null;
    long total = -1;
    do {
      JsonNode page =
          ok(
              person,
              "/api/integrations/drive/files?limit=40"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      page.path("items").forEach(items::add);
      total = page.path("total").asLong();
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString(null);
    } while (cursor != null);

    assertThat(items).hasSize((int) total);
    Set<String> ids = new HashSet<>();
    items.forEach(item -> ids.add(item.path("id").asString()));
    assertThat(ids).hasSize(items.size());
    assertThat(items.get(0).propertyNames())
        .contains(
            "id", "name", "mimeType", "parents", "modifiedTime", "size", "webViewLink", "trashed");
    for (int i = 1; i < items.size(); i++) {
      String before = items.get(i - 1).path("modifiedTime").asString("");
      String after = items.get(i).path("modifiedTime").asString("");
      if (!before.isEmpty() && !after.isEmpty()) {
        assertThat(java.time.Instant.parse(before))
            .isAfterOrEqualTo(java.time.Instant.parse(after));
      }
    }
  }

  @Test
  void filesWhenSearchedOrFilteredByFolderThenOnlyThoseAndSettingsLimitTheFolders()
      throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    JsonNode folder =
        person.admin(
            "POST",
            "drive/files",
            Map.of("name", "Receipts", "mimeType", "application/vnd.google-apps.folder"));
    String folderId = folder.path("id").asString();
    person.admin(
        "POST",
        "drive/files",
        Map.of("name", "march.txt", "parents", List.of(folderId), "content", "taxi fare 40"));
    person.admin("POST", "drive/files", Map.of("name", "elsewhere.txt", "content", "taxi again"));
    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());

    assertThat(names(ok(person, "/api/integrations/drive/files?folderId=" + folderId)))
        .containsExactly("march.txt");
    assertThat(names(ok(person, "/api/integrations/drive/files?q=taxi")))
        .containsExactlyInAnyOrder("march.txt", "elsewhere.txt");
    GoogleBrowser.Response saved =
        person
            .browser()
            .api(
                "PUT",
                "/api/integrations/drive/settings",
                "{\"folderIds\":[\"" + folderId + "\"],\"keepContent\":true}");
    assertThat(saved.status()).as(saved.body()).isEqualTo(200);
    assertThat(names(ok(person, "/api/integrations/drive/files?q=taxi")))
        .containsExactly("march.txt");
    assertThat(
            ok(person, "/api/integrations/drive/folders")
                .path("items")
                .get(0)
                .path("selected")
                .asBoolean())
        .isTrue();
  }

  @Test
  void filesWhenInputIsBadThenFourHundredWithAnErrorCodeAndNoInternals() throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    for (String query :
        List.of(
            "limit=0", "limit=251", "limit=abc", "cursor=not-a-cursor", "q=" + "x".repeat(201))) {
      GoogleBrowser.Response response =
          person.browser().get("/api/integrations/drive/files?" + query);
      assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(400);
      assertThat(response.json().path("error").path("code").asString()).isNotBlank();
      assertThat(response.body()).doesNotContain("Exception", "select ", "drive_files");
    }
    GoogleBrowser.Response notAFolder =
        person
            .browser()
            .api(
                "PUT",
                "/api/integrations/drive/settings",
                "{\"folderIds\":[\"no-such-folder\"],\"keepContent\":true}");
    assertThat(notAFolder.status()).isEqualTo(400);
    GoogleBrowser.Response empty =
        person.browser().api("PUT", "/api/integrations/drive/settings", "{}");
    assertThat(empty.status()).isEqualTo(400);
  }

  @Test
  void filesWhenDriveNotConnectedThenRefusedAsNotConnected() {
    String email = "drive-none-" + java.util.UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Not Connected");
    GoogleBrowser browser = new GoogleBrowser(port);
    browser.signIn(email);

    GoogleBrowser.Response response = browser.get("/api/integrations/drive/files");

    assertThat(response.status()).isBetween(400, 499);
    assertThat(response.json().path("error").path("code").asString()).isNotBlank();
  }

  private static JsonNode ok(Person person, String path) {
    GoogleBrowser.Response response = person.browser().get(path);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static List<String> names(JsonNode page) {
    List<String> names = new ArrayList<>();
    page.path("items").forEach(item -> names.add(item.path("name").asString()));
    return names;
  }
}
