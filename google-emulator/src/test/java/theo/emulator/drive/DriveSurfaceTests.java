package theo.emulator.drive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.About;
import com.google.api.services.drive.model.Change;
import com.google.api.services.drive.model.ChangeList;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import theo.emulator.DiscoverySchemas;
import theo.emulator.EmulatorFixture;

/** Drive v3 through Google's own Drive client: listing, search, media, export, changes, quota. */
class DriveSurfaceTests {
  private static final String METADATA = "https://www.googleapis.com/auth/drive.metadata.readonly";
  private static final String READONLY = "https://www.googleapis.com/auth/drive.readonly";
  private static final String ALICE = "alice@example.com";

  private static EmulatorFixture fixture;
  private static Drive alice;

  @BeforeAll
  static void start() {
    fixture = new EmulatorFixture();
    EmulatorFixture.Answer generated =
        fixture.admin(
            "POST",
            "/emulator/accounts/" + ALICE + "/drive/generate",
            Map.of("count", 260, "seed", 7));
    assertThat(generated.status()).isEqualTo(200);
    alice = fixture.drive(fixture.token(ALICE, READONLY));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  /** A fresh account with an empty drive, so a test sees only its own files. */
  private static String freshAccount() {
    String email = "drive-" + System.nanoTime() + "@example.com";
    fixture.emulator().accounts().create(email, "Drive Tester");
    return email;
  }

  private static Map<String, Object> createFile(String email, Map<String, Object> body) {
    EmulatorFixture.Answer answer =
        fixture.admin("POST", "/emulator/accounts/" + email + "/drive/files", body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  private static EmulatorFixture.Answer patch(String email, String id, Map<String, Object> body) {
    return fixture.admin("PATCH", "/emulator/accounts/" + email + "/drive/files/" + id, body);
  }

  @Test
  void listingPagesThroughEveryFileExactlyOnce() throws IOException {
    Set<String> ids = new HashSet<>();
    int pages = 0;
    String pageToken = null;
    do {
      FileList page =
          alice
              .files()
              .list()
              .setPageSize(100)
              .setPageToken(pageToken)
              .setFields("nextPageToken,files(id,name,mimeType,parents,trashed,modifiedTime)")
              .execute();
      for (File file : page.getFiles()) {
        assertThat(ids.add(file.getId())).as("listed once: " + file.getId()).isTrue();
      }
      pages++;
      pageToken = page.getNextPageToken();
    } while (pageToken != null);

    Map<String, Object> summary =
        fixture.admin("GET", "/emulator/accounts/" + ALICE + "/drive/summary", null).json();
    long total = ((Number) summary.get("filesTotal")).longValue();
    long trashed = ((Number) summary.get("trashed")).longValue();
    assertThat(ids).hasSize(260);
    assertThat(total + trashed).isEqualTo(260);
    assertThat(trashed).isPositive();
    assertThat(((Number) summary.get("folders")).longValue()).isPositive();
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void generatedDriveMixesKindsAndSharesSomeFilesWithThePerson() throws IOException {
    FileList all =
        alice
            .files()
            .list()
            .setPageSize(1000)
            .setFields("files(id,mimeType,size,md5Checksum,ownedByMe,owners,shared,parents)")
            .execute();
    Set<String> types = new HashSet<>();
    int sharedWithMe = 0;
    for (File file : all.getFiles()) {
      types.add(file.getMimeType());
      if (!file.getOwnedByMe()) {
        sharedWithMe++;
        assertThat(file.getOwners().get(0).getEmailAddress()).isNotEqualTo(ALICE);
      }
      if (file.getMimeType().startsWith("application/vnd.google-apps.")) {
        assertThat(file.getSize()).isNull();
        assertThat(file.getMd5Checksum()).isNull();
      } else {
        assertThat(file.getSize()).isNotNull();
        assertThat(file.getMd5Checksum()).hasSize(32);
      }
    }
    assertThat(types)
        .contains(
            "application/vnd.google-apps.folder",
            "application/vnd.google-apps.document",
            "application/vnd.google-apps.spreadsheet",
            "application/pdf",
            "image/png",
            "text/plain");
    assertThat(sharedWithMe).isPositive();
    assertThat(names(alice, "sharedWithMe")).hasSize(sharedWithMe);
    assertThat(names(alice, "not sharedWithMe and 'me' in owners")).hasSize(260 - sharedWithMe);
  }

  @Test
  void sameSeedGivesTheSameDrive() {
    String one = freshAccount();
    String two = freshAccount();
    for (String email : List.of(one, two)) {
      fixture.admin(
          "POST",
          "/emulator/accounts/" + email + "/drive/generate",
          Map.of("count", 40, "seed", 3));
    }
    String listing = "/drive/v3/files?pageSize=1000&fields=files(id,name,size,md5Checksum)";
    String first = fixture.call("GET", listing, null, fixture.token(one, METADATA)).body();
    String second = fixture.call("GET", listing, null, fixture.token(two, METADATA)).body();
    assertThat(first).contains("\"id\"").isEqualTo(second);
  }

  @Test
  void withoutFieldsFilesCarryOnlyGooglesDefaultFields() {
    EmulatorFixture.Answer answer =
        fixture.call("GET", "/drive/v3/files?pageSize=2", null, fixture.token(ALICE, METADATA));
    assertThat(answer.status()).isEqualTo(200);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> files = (List<Map<String, Object>>) answer.json().get("files");
    assertThat(files).hasSize(2);
    assertThat(files.get(0).keySet()).containsExactlyInAnyOrder("kind", "id", "name", "mimeType");
    assertThat(answer.json()).containsKeys("kind", "nextPageToken", "incompleteSearch");
  }

  @Test
  void queryFiltersByNameTypeParentTrashAndTime() throws IOException {
    String email = freshAccount();
    Drive drive = fixture.drive(fixture.token(email, METADATA));
    Map<String, Object> folder =
        createFile(
            email, Map.of("name", "Budgets", "mimeType", "application/vnd.google-apps.folder"));
    String folderId = (String) folder.get("id");
    createFile(
        email,
        Map.of(
            "name",
            "Quarterly report",
            "mimeType",
            "application/vnd.google-apps.document",
            "parents",
            List.of(folderId),
            "content",
            "Numbers"));
    createFile(email, Map.of("name", "reporting.txt", "mimeType", "text/plain", "content", "x"));
    Map<String, Object> old =
        createFile(email, Map.of("name", "Old notes.txt", "mimeType", "text/plain"));
    patch(email, (String) old.get("id"), Map.of("trashed", true));

    assertThat(names(drive, "name contains 'report'"))
        .containsExactlyInAnyOrder("Quarterly report", "reporting.txt");
    assertThat(names(drive, "name contains 'port'")).isEmpty();
    assertThat(names(drive, "mimeType = 'application/vnd.google-apps.folder'"))
        .containsExactly("Budgets");
    assertThat(names(drive, "'" + folderId + "' in parents")).containsExactly("Quarterly report");
    assertThat(names(drive, "'root' in parents and trashed = false"))
        .containsExactlyInAnyOrder("Budgets", "reporting.txt");
    assertThat(names(drive, "trashed = true")).containsExactly("Old notes.txt");
    assertThat(names(drive, "not mimeType = 'text/plain' and trashed = false"))
        .containsExactlyInAnyOrder("Budgets", "Quarterly report");
    assertThat(names(drive, "name = 'Budgets' or (name contains 'old' and trashed = true)"))
        .containsExactlyInAnyOrder("Budgets", "Old notes.txt");
    assertThat(names(drive, "modifiedTime > '2000-01-01T00:00:00Z'")).hasSize(4);
    assertThat(names(drive, "modifiedTime > '2999-01-01T00:00:00'")).isEmpty();
    assertThat(names(drive, "'me' in owners and name contains 'budg'")).containsExactly("Budgets");

    assertThatThrownBy(() -> drive.files().list().setQ("name containz 'x'").execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("invalid");
              assertThat(e.getDetails().getErrors().get(0).getLocation()).isEqualTo("q");
            });
  }

  @Test
  void orderByNameSortsAndPagesInThatOrder() throws IOException {
    String email = freshAccount();
    Drive drive = fixture.drive(fixture.token(email, METADATA));
    for (String name : List.of("delta", "Alpha", "charlie", "bravo", "echo")) {
      createFile(email, Map.of("name", name, "mimeType", "text/plain"));
    }
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      FileList page =
          drive.files().list().setOrderBy("name").setPageSize(2).setPageToken(token).execute();
      page.getFiles().forEach(file -> names.add(file.getName()));
      token = page.getNextPageToken();
    } while (token != null);
    assertThat(names).containsExactly("Alpha", "bravo", "charlie", "delta", "echo");
    List<String> descending = new ArrayList<>();
    drive
        .files()
        .list()
        .setOrderBy("name desc")
        .execute()
        .getFiles()
        .forEach(file -> descending.add(file.getName()));
    assertThat(descending).containsExactly("echo", "delta", "charlie", "bravo", "Alpha");
    assertThatThrownBy(() -> drive.files().list().setOrderBy("size").execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
    assertThatThrownBy(() -> drive.files().list().setPageSize(1001).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class,
            e -> assertThat(e.getDetails().getErrors().get(0).getLocation()).isEqualTo("pageSize"));
  }

  private static List<String> names(Drive drive, String q) throws IOException {
    List<String> names = new ArrayList<>();
    for (File file : drive.files().list().setQ(q).setPageSize(1000).execute().getFiles()) {
      names.add(file.getName());
    }
    return names;
  }

  @Test
  void getAnswersFieldsMediaAndExport() throws IOException {
    String email = freshAccount();
    Drive drive = fixture.drive(fixture.token(email, READONLY));
    Map<String, Object> text =
        createFile(
            email,
            Map.of("name", "hello.txt", "mimeType", "text/plain", "content", "Hello, Drive"));
    Map<String, Object> doc =
        createFile(
            email,
            Map.of(
                "name",
                "Plan",
                "mimeType",
                "application/vnd.google-apps.document",
                "content",
                "Line one\nLine two"));
    String textId = (String) text.get("id");
    String docId = (String) doc.get("id");

    File meta =
        drive
            .files()
            .get(textId)
            .setFields("id,name,size,md5Checksum,webViewLink,parents,version,owners")
            .execute();
    assertThat(meta.getSize()).isEqualTo(12L);
    assertThat(meta.getMd5Checksum()).isEqualTo(md5("Hello, Drive"));
    assertThat(meta.getWebViewLink()).contains(textId);
    assertThat(meta.getParents()).hasSize(1);
    assertThat(meta.getOwners().get(0).getMe()).isTrue();
    File plain = drive.files().get(textId).execute();
    assertThat(plain.getSize()).isNull();
    assertThat(plain.getName()).isEqualTo("hello.txt");

    ByteArrayOutputStream media = new ByteArrayOutputStream();
    drive.files().get(textId).executeMediaAndDownloadTo(media);
    assertThat(media.toString(StandardCharsets.UTF_8)).isEqualTo("Hello, Drive");

    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    drive.files().export(docId, "text/plain").executeMediaAndDownloadTo(exported);
    assertThat(exported.toString(StandardCharsets.UTF_8)).contains("Line one\nLine two");

    assertThat(error(() -> drive.files().export(docId, "application/zip").executeMedia()))
        .extracting(e -> e.getStatusCode(), e -> e.getDetails().getErrors().get(0).getReason())
        .containsExactly(400, "badRequest");
    assertThat(error(() -> drive.files().export(textId, "text/plain").executeMedia()))
        .extracting(e -> e.getStatusCode(), e -> e.getDetails().getErrors().get(0).getReason())
        .containsExactly(403, "fileNotExportable");
    assertThat(error(() -> drive.files().get(docId).executeMedia()))
        .extracting(e -> e.getStatusCode(), e -> e.getDetails().getErrors().get(0).getReason())
        .containsExactly(403, "fileNotDownloadable");
    assertThat(error(() -> drive.files().get("nope").execute()))
        .extracting(e -> e.getStatusCode(), e -> e.getDetails().getErrors().get(0).getReason())
        .containsExactly(404, "notFound");
    assertThat(drive.files().get("root").setFields("id,name,mimeType").execute().getName())
        .isEqualTo("My Drive");
  }

  @Test
  void metadataScopeSeesFilesButNotTheirContent() throws IOException {
    String email = freshAccount();
    String docId =
        (String)
            createFile(
                    email,
                    Map.of("name", "Secret", "mimeType", "application/vnd.google-apps.document"))
                .get("id");
    String textId =
        (String)
            createFile(email, Map.of("name", "a.txt", "mimeType", "text/plain", "content", "a"))
                .get("id");
    Drive drive = fixture.drive(fixture.token(email, METADATA));
    assertThat(drive.files().get(textId).execute().getName()).isEqualTo("a.txt");
    for (GoogleJsonResponseException refusal :
        List.of(
            error(() -> drive.files().get(textId).executeMedia()),
            error(() -> drive.files().export(docId, "text/plain").executeMedia()))) {
      assertThat(refusal.getStatusCode()).isEqualTo(403);
      assertThat(refusal.getDetails().getErrors().get(0).getReason())
          .isEqualTo("insufficientPermissions");
      assertThat(refusal.getHeaders().getAuthenticate()).contains("insufficient_scope");
    }
    Drive calendarOnly =
        fixture.drive(fixture.token(email, "https://www.googleapis.com/auth/calendar.readonly"));
    assertThat(error(() -> calendarOnly.files().list().execute()).getStatusCode()).isEqualTo(403);
  }

  @Test
  void aboutNeedsFieldsLikeGoogle() throws IOException {
    EmulatorFixture.Answer without =
        fixture.call("GET", "/drive/v3/about", null, fixture.token(ALICE, METADATA));
    assertThat(without.status()).isEqualTo(400);
    assertThat(without.body()).contains("required").contains("fields");
    About about = alice.about().get().setFields("user,storageQuota,exportFormats").execute();
    assertThat(about.getUser().getEmailAddress()).isEqualTo(ALICE);
    assertThat(about.getUser().getMe()).isTrue();
    assertThat(about.getStorageQuota().getUsage()).isPositive();
    assertThat(about.getExportFormats().get("application/vnd.google-apps.document"))
        .contains("text/plain");
  }

  @Test
  void changesFeedReportsCreateRenameMoveTrashDeleteAndUnshare() throws IOException {
    String email = freshAccount();
    Drive drive = fixture.drive(fixture.token(email, METADATA));
    String folderId =
        (String)
            createFile(
                    email,
                    Map.of("name", "Folder", "mimeType", "application/vnd.google-apps.folder"))
                .get("id");
    String shared =
        (String)
            createFile(
                    email,
                    Map.of(
                        "name",
                        "From Dana",
                        "mimeType",
                        "application/pdf",
                        "sharedBy",
                        "dana@partner.example"))
                .get("id");
    String start = drive.changes().getStartPageToken().execute().getStartPageToken();

    String created =
        (String) createFile(email, Map.of("name", "new.txt", "mimeType", "text/plain")).get("id");
    String renamed =
        (String) createFile(email, Map.of("name", "before", "mimeType", "text/plain")).get("id");
    String moved =
        (String) createFile(email, Map.of("name", "mover", "mimeType", "text/plain")).get("id");
    String trashed =
        (String) createFile(email, Map.of("name", "bin", "mimeType", "text/plain")).get("id");
    String deleted =
        (String) createFile(email, Map.of("name", "gone", "mimeType", "text/plain")).get("id");
    assertThat(patch(email, renamed, Map.of("name", "after")).status()).isEqualTo(200);
    assertThat(patch(email, moved, Map.of("parents", List.of(folderId))).status()).isEqualTo(200);
    assertThat(patch(email, trashed, Map.of("trashed", true)).status()).isEqualTo(200);
    assertThat(
            fixture
                .admin("DELETE", "/emulator/accounts/" + email + "/drive/files/" + deleted, null)
                .status())
        .isEqualTo(200);
    assertThat(patch(email, shared, Map.of("shared", false)).json()).containsEntry("removed", true);

    ChangeList changes =
        drive
            .changes()
            .list(start)
            .setFields(
                "nextPageToken,newStartPageToken,changes(changeType,fileId,removed,time,file(id,name,parents,trashed))")
            .execute();
    Map<String, Change> byFile = new java.util.HashMap<>();
    for (Change change : changes.getChanges()) {
      assertThat(change.getChangeType()).isEqualTo("file");
      assertThat(change.getTime()).isNotNull();
      byFile.put(change.getFileId(), change);
    }
    assertThat(byFile.keySet())
        .containsExactlyInAnyOrder(created, renamed, moved, trashed, deleted, shared);
    assertThat(byFile.get(created).getFile().getName()).isEqualTo("new.txt");
    assertThat(byFile.get(renamed).getFile().getName()).isEqualTo("after");
    assertThat(byFile.get(moved).getFile().getParents()).containsExactly(folderId);
    assertThat(byFile.get(trashed).getFile().getTrashed()).isTrue();
    assertThat(byFile.get(trashed).getRemoved()).isFalse();
    assertThat(byFile.get(deleted).getRemoved()).isTrue();
    assertThat(byFile.get(deleted).getFile()).isNull();
    assertThat(byFile.get(shared).getRemoved()).isTrue();
    assertThat(changes.getNextPageToken()).isNull();

    String next = changes.getNewStartPageToken();
    assertThat(drive.changes().list(next).execute().getChanges()).isEmpty();
    List<Change> withoutRemovals =
        drive.changes().list(start).setIncludeRemoved(false).execute().getChanges();
    assertThat(withoutRemovals).hasSize(4).noneMatch(Change::getRemoved);
  }

  @Test
  void deletingAFolderRemovesEverythingInItAndNewContentIsAChange() throws IOException {
    String email = freshAccount();
    Drive drive = fixture.drive(fixture.token(email, READONLY));
    String folder =
        (String)
            createFile(
                    email, Map.of("name", "Box", "mimeType", "application/vnd.google-apps.folder"))
                .get("id");
    String inside =
        (String)
            createFile(
                    email,
                    Map.of("name", "in.txt", "mimeType", "text/plain", "parents", List.of(folder)))
                .get("id");
    String sheet =
        (String)
            createFile(
                    email,
                    Map.of(
                        "name",
                        "Costs",
                        "mimeType",
                        "application/vnd.google-apps.spreadsheet",
                        "content",
                        "Item,Amount\nTea,3\n"))
                .get("id");
    String start = drive.changes().getStartPageToken().execute().getStartPageToken();
    String before = drive.files().get(inside).setFields("md5Checksum").execute().getMd5Checksum();
    assertThat(patch(email, inside, Map.of("content", "new words")).status()).isEqualTo(200);
    File changed = drive.files().get(inside).setFields("md5Checksum,size,version").execute();
    assertThat(changed.getMd5Checksum()).isNotEqualTo(before);
    assertThat(changed.getSize()).isEqualTo(9L);
    assertThat(names(drive, "fullText contains 'words'")).containsExactly("in.txt");

    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    drive.files().export(sheet, "text/csv").executeMediaAndDownloadTo(csv);
    assertThat(csv.toString(StandardCharsets.UTF_8)).isEqualTo("Item,Amount\nTea,3\n");

    EmulatorFixture.Answer deleted =
        fixture.admin("DELETE", "/emulator/accounts/" + email + "/drive/files/" + folder, null);
    assertThat(deleted.json()).containsEntry("removed", 2.0);
    List<Change> changes = drive.changes().list(start).execute().getChanges();
    assertThat(changes)
        .extracting(Change::getFileId, Change::getRemoved)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(folder, true),
            org.assertj.core.groups.Tuple.tuple(inside, true));
    Map<String, Object> summary =
        fixture.admin("GET", "/emulator/accounts/" + email + "/drive/summary", null).json();
    assertThat(summary).containsEntry("filesTotal", 1.0).containsEntry("folders", 0.0);
  }

  @Test
  void changesPagesCarryNextPageTokenThenNewStartPageToken() throws IOException {
    String email = freshAccount();
    Drive drive = fixture.drive(fixture.token(email, METADATA));
    String start = drive.changes().getStartPageToken().execute().getStartPageToken();
    fixture.admin(
        "POST", "/emulator/accounts/" + email + "/drive/generate", Map.of("count", 25, "seed", 1));
    List<String> ids = new ArrayList<>();
    String token = start;
    int pages = 0;
    ChangeList page;
    do {
      page = drive.changes().list(token).setPageSize(10).execute();
      page.getChanges().forEach(change -> ids.add(change.getFileId()));
      pages++;
      if (page.getNextPageToken() != null) {
        assertThat(page.getNewStartPageToken()).isNull();
      }
      token = page.getNextPageToken();
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(ids).hasSize(25).doesNotHaveDuplicates();
    assertThat(page.getNewStartPageToken())
        .isEqualTo(drive.changes().getStartPageToken().execute().getStartPageToken());
    assertThat(error(() -> drive.changes().list("abc").execute()).getStatusCode()).isEqualTo(400);
  }

  @Test
  void overThePerUserQuotaDriveAnswers403AndOverTheProjectQuota429() throws IOException {
    String email = freshAccount();
    Drive drive = fixture.drive(fixture.token(email, METADATA));
    try {
      fixture.admin(
          "PUT",
          "/emulator/quota",
          Map.of("api", "drive", "userUnitsPerMinute", 2, "projectUnitsPerMinute", 1_000_000));
      drive.changes().getStartPageToken().execute();
      drive.changes().getStartPageToken().execute();
      GoogleJsonResponseException user = error(() -> drive.changes().getStartPageToken().execute());
      assertThat(user.getStatusCode()).isEqualTo(403);
      GoogleJsonError.ErrorInfo entry = user.getDetails().getErrors().get(0);
      assertThat(entry.getReason()).isEqualTo("userRateLimitExceeded");
      assertThat(entry.getDomain()).isEqualTo("usageLimits");
      assertThat(user.getHeaders().getRetryAfter()).isNotNull();

      fixture.admin(
          "PUT",
          "/emulator/quota",
          Map.of("api", "drive", "userUnitsPerMinute", 1_000_000, "projectUnitsPerMinute", 1));
      GoogleJsonResponseException project =
          error(() -> drive.changes().getStartPageToken().execute());
      assertThat(project.getStatusCode()).isEqualTo(429);
      assertThat(project.getDetails().getErrors().get(0).getReason())
          .isEqualTo("rateLimitExceeded");
    } finally {
      fixture.admin(
          "PUT",
          "/emulator/quota",
          Map.of(
              "api",
              "drive",
              "userUnitsPerMinute",
              DriveSurface.USER_QUERIES_PER_MINUTE,
              "projectUnitsPerMinute",
              DriveSurface.PROJECT_QUERIES_PER_MINUTE));
      fixture.emulator().context().quotas().find("drive").orElseThrow().reset();
    }
  }

  @Test
  void batchAnswersEachPartInOrder() throws IOException {
    List<File> files = alice.files().list().setPageSize(3).execute().getFiles();
    List<String> answered = new ArrayList<>();
    List<Integer> failures = new ArrayList<>();
    BatchRequest batch = alice.batch();
    JsonBatchCallback<File> callback =
        new JsonBatchCallback<>() {
          @Override
          public void onSuccess(File file, HttpHeaders headers) {
            answered.add(file.getId());
          }

          @Override
          public void onFailure(GoogleJsonError error, HttpHeaders headers) {
            failures.add(error.getCode());
          }
        };
    for (File file : files) {
      alice.files().get(file.getId()).setFields("id,name").queue(batch, callback);
    }
    alice.files().get("missing").queue(batch, callback);
    batch.execute();
    assertThat(answered).containsExactlyElementsOf(files.stream().map(File::getId).toList());
    assertThat(failures).containsExactly(404);
  }

  @Test
  void answersUseOnlyKeysTheDiscoveryDocumentDeclares() {
    DiscoverySchemas schemas = DiscoverySchemas.load("drive.v3.json");
    String token = fixture.token(ALICE, READONLY);
    String list = fixture.call("GET", "/drive/v3/files?fields=*&pageSize=1000", null, token).body();
    String start =
        fixture
            .call("GET", "/drive/v3/changes/startPageToken", null, token)
            .json()
            .get("startPageToken")
            .toString();
    String changes =
        fixture.call("GET", "/drive/v3/changes?fields=*&pageToken=1", null, token).body();
    String about = fixture.call("GET", "/drive/v3/about?fields=*", null, token).body();
    String root = fixture.call("GET", "/drive/v3/files/root?fields=*", null, token).body();
    assertThat(start).isNotBlank();
    assertThat(schemas.violations("FileList", list)).isEmpty();
    assertThat(schemas.violations("ChangeList", changes)).isEmpty();
    assertThat(schemas.violations("About", about)).isEmpty();
    assertThat(schemas.violations("File", root)).isEmpty();
  }

  private interface Call {
    Object run() throws IOException;
  }

  private static GoogleJsonResponseException error(Call call) {
    try {
      call.run();
    } catch (GoogleJsonResponseException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected an error answer");
  }

  private static String md5(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("MD5")
                  .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
