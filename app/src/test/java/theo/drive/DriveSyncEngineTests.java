package theo.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static theo.drive.DriveTesting.assertExact;
import static theo.drive.DriveTesting.stored;

import com.google.api.services.drive.Drive;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.CheckedRun;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.drive.DriveRepository.SyncState;
import theo.drive.DriveTesting.Person;
import theo.emulator.GoogleEmulator;
import theo.integration.spi.SyncCancelledException;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncType;
import tools.jackson.databind.JsonNode;

/** The Drive sync engine against the embedded emulator and a real PostgreSQL. */
@TheoTest
class DriveSyncEngineTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired DriveSyncEngine engine;
  @Autowired DriveRepository files;
  @Autowired DriveApi api;
  @Autowired JdbcClient jdbc;

  @Test
  void syncWhenNothingStoredThenFullSyncEqualsDriveExactlyWithDocumentsText() throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    JsonNode summary = person.generate(2_300, 5);
    CheckedRun run = new CheckedRun();

    SyncResult result = engine.sync(person.userId(), SyncType.FULL, run);

    Drive drive = api.client(person.userId());
    assertExact(jdbc, files, drive, person.userId());
    long total = summary.path("filesTotal").asLong() + summary.path("trashed").asLong();
    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(stored(jdbc, files, person.userId())).hasSize((int) total);
    DriveRepository.Counts counts = files.counts(person.userId());
    assertThat(counts.trashed()).isEqualTo(summary.path("trashed").asLong());
    assertThat(counts.files() + counts.folders()).isEqualTo(summary.path("filesTotal").asLong());
    // every Google Doc and small text file not in the trash has its text; the big one has none
    long readable =
        stored(jdbc, files, person.userId()).stream()
            .filter(file -> file.hasReadableText(1_048_576))
            .count();
    assertThat(counts.withText()).isPositive().isLessThanOrEqualTo(readable);
    assertThat(pendingContent(person)).isZero();
    assertThat(files.state(person.userId()).changesToken()).isNotNull();
  }

  @Test
  void syncWhenFilesCreatedRenamedMovedTrashedDeletedAndUnsharedThenIncrementalEndsExact()
      throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    person.generate(120, 3);
    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());
    JsonNode folder =
        person.admin(
            "POST",
            "drive/files",
            Map.of("name", "Plans", "mimeType", "application/vnd.google-apps.folder"));
    JsonNode note =
        person.admin("POST", "drive/files", Map.of("name", "note.txt", "content", "first words"));
    JsonNode doc =
        person.admin(
            "POST",
            "drive/files",
            Map.of(
                "name",
                "Draft",
                "mimeType",
                "application/vnd.google-apps.document",
                "content",
                "quarterly numbers"));
    JsonNode trashMe = person.admin("POST", "drive/files", Map.of("name", "old.txt"));
    JsonNode deleteMe = person.admin("POST", "drive/files", Map.of("name", "gone.txt"));
    JsonNode shared =
        person.admin(
            "POST",
            "drive/files",
            Map.of("name", "From Bob", "sharedBy", "bob@example.com", "content", "hello"));
    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());
    String noteId = note.path("id").asString();
    person.admin("PATCH", "drive/files/" + noteId, Map.of("name", "renamed.txt"));
    person.admin(
        "PATCH",
        "drive/files/" + doc.path("id").asString(),
        Map.of("parents", List.of(folder.path("id").asString())));
    person.admin("PATCH", "drive/files/" + trashMe.path("id").asString(), Map.of("trashed", true));
    person.admin("DELETE", "drive/files/" + deleteMe.path("id").asString(), null);
    person.admin("PATCH", "drive/files/" + shared.path("id").asString(), Map.of("shared", false));

    SyncResult result = engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());

    assertThat(result.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    assertThat(result.processed()).isEqualTo(5);
    assertExact(jdbc, files, api.client(person.userId()), person.userId());
    assertThat(files.file(person.userId(), noteId).orElseThrow().name()).isEqualTo("renamed.txt");
    assertThat(files.file(person.userId(), doc.path("id").asString()).orElseThrow().parents())
        .containsExactly(folder.path("id").asString());
    assertThat(files.file(person.userId(), trashMe.path("id").asString()).orElseThrow().trashed())
        .isTrue();
    assertThat(files.file(person.userId(), deleteMe.path("id").asString())).isEmpty();
    assertThat(files.file(person.userId(), shared.path("id").asString())).isEmpty();
    assertThat(content(person, doc.path("id").asString())).isEqualTo("quarterly numbers");
    assertThat(content(person, noteId)).isEqualTo("first words");
  }

  @Test
  void syncWhenStoppedAfterFirstPageThenNextRunResumesAtTheCheckpointAndEndsExact()
      throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    person.generate(2_600, 9);
    files.saveSettings(person.userId(), List.of(), false, java.time.Instant.now());

    assertThatThrownBy(() -> engine.sync(person.userId(), SyncType.FULL, new CheckedRun(1)))
        .isInstanceOf(SyncCancelledException.class);

    SyncState checkpoint = files.state(person.userId());
    assertThat(checkpoint.fullInProgress()).isTrue();
    assertThat(checkpoint.fullPageToken()).isNotNull();
    assertThat(stored(jdbc, files, person.userId())).hasSize(DriveSyncEngine.PAGE_SIZE);
    long requestsBefore = emulator.stats().get("drive.requests");

    CheckedRun resumed = new CheckedRun();
    SyncResult result = engine.sync(person.userId(), SyncType.AUTO, resumed);

    long requests = emulator.stats().get("drive.requests") - requestsBefore;
    int total = stored(jdbc, files, person.userId()).size();
    int pages = (total + DriveSyncEngine.PAGE_SIZE - 1) / DriveSyncEngine.PAGE_SIZE;
    assertThat(pages).isEqualTo(3);
    // only the pages after the checkpoint: no new start token, no first page again
    assertThat(requests).isEqualTo(pages - 1);
    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(resumed.progress).last().isEqualTo((long) total - DriveSyncEngine.PAGE_SIZE);
    assertThat(files.state(person.userId()).passNo()).isEqualTo(checkpoint.passNo());
    assertExact(jdbc, files, api.client(person.userId()), person.userId());
  }

  @Test
  void syncWhenNothingChangedThenOneChangesRequestAndNothingProcessed() throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    person.generate(200, 4);
    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());
    long requestsBefore = emulator.stats().get("drive.requests");

    SyncResult result = engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());

    assertThat(result.ranAs()).isEqualTo(SyncType.INCREMENTAL);
    assertThat(result.processed()).isZero();
    assertThat(emulator.stats().get("drive.requests") - requestsBefore).isEqualTo(1);
  }

  @Test
  void syncWhenFullRequestedThenRowsDriveNoLongerHasAreSwept() throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    person.generate(60, 2);
    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());
    long passNo = files.state(person.userId()).passNo();
    jdbc.sql(
            """
            insert into drive_files (user_id, file_id, name, mime_type, pass_no)
            values (:userId, 'stale', 'missed', 'text/plain', :passNo)
            """)
        .param("userId", person.userId())
        .param("passNo", passNo)
        .update();

    SyncResult result = engine.sync(person.userId(), SyncType.FULL, new CheckedRun());

    assertThat(result.ranAs()).isEqualTo(SyncType.FULL);
    assertThat(files.state(person.userId()).passNo()).isEqualTo(passNo + 1);
    assertThat(files.file(person.userId(), "stale")).isEmpty();
    assertExact(jdbc, files, api.client(person.userId()), person.userId());
  }

  @Test
  void syncWhenContentScopeNotGrantedThenLimitedAccessAndMetadataOnly() throws Exception {
    Person person = DriveTesting.connect(emulator, port, GoogleBrowser.scopes("drive.readonly"));
    person.generate(150, 6);

    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());

    JsonNode connection = person.browser().get("/api/integrations/drive/connect").json();
    assertThat(connection.path("connected").asBoolean()).isTrue();
    assertThat(connection.path("hasRequiredScopes").asBoolean()).isFalse();
    assertThat(connection.path("missingScopes").toString()).contains("drive.readonly");
    assertExact(jdbc, files, api.client(person.userId()), person.userId());
    assertThat(files.counts(person.userId()).withText()).isZero();
    assertThat(pendingContent(person)).isZero();
  }

  @Test
  void disconnectWhenSyncedThenNothingOfDriveIsLeft() throws Exception {
    Person person = DriveTesting.connect(emulator, port, Set.of());
    person.generate(80, 8);
    engine.sync(person.userId(), SyncType.AUTO, new CheckedRun());
    assertThat(files.counts(person.userId()).files()).isPositive();

    GoogleBrowser.Response disconnected =
        person.browser().api("DELETE", "/api/integrations/drive/disconnect", null);

    assertThat(disconnected.status()).as(disconnected.body()).isEqualTo(200);
    for (String table : List.of("drive_files", "drive_sync_state")) {
      assertThat(
              jdbc.sql("select count(*) from " + table + " where user_id = :userId")
                  .param("userId", person.userId())
                  .query(Long.class)
                  .single())
          .as(table)
          .isZero();
    }
  }

  private long pendingContent(Person person) {
    return jdbc.sql("select count(*) from drive_files where user_id = :userId and content_pending")
        .param("userId", person.userId())
        .query(Long.class)
        .single();
  }

  private String content(Person person, String fileId) {
    return jdbc.sql("select content from drive_files where user_id = :userId and file_id = :id")
        .param("userId", person.userId())
        .param("id", fileId)
        .query(String.class)
        .single();
  }
}
