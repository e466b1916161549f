package theo.drive;

import com.google.api.client.util.DateTime;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.Change;
import com.google.api.services.drive.model.ChangeList;
import com.google.api.services.drive.model.File;
import com.google.api.services.drive.model.FileList;
import com.google.api.services.drive.model.StartPageToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.auth.ScopeUpgrade;
import theo.auth.Scopes;
import theo.drive.DriveRepository.SyncState;
import theo.google.GoogleInvalidRequestException;
import theo.google.GoogleNotFoundException;
import theo.integration.spi.RunProgress;
import theo.integration.spi.SyncEngine;
import theo.integration.spi.SyncResult;
import theo.integration.spi.SyncRun;
import theo.integration.spi.SyncStats;
import theo.integration.spi.SyncType;

/**
 * Syncs a user's Drive: a full pass lists every file's metadata (the changes feed's start token
 * captured first, so nothing changed during the pass is missed), later passes read the changes feed
 * from the stored token. Every page is committed with its checkpoint (the next files.list page, or
 * the next changes token), so a run stopped anywhere resumes at the next page; a full pass ends by
 * sweeping the files it did not see. Then, with {@code drive.readonly} and "keep content" on, the
 * text of new or changed documents in the chosen folders is fetched, each file committed on its
 * own.
 */
@Component
record DriveSyncEngine(
    DriveApi api,
    DriveRepository files,
    ScopeUpgrade scopes,
    DriveProperties properties,
    Clock clock)
    implements SyncEngine {
  static final int PAGE_SIZE = 1000;
  static final int CONTENT_BATCH = 100;
  static final String FILE_FIELDS =
      "id,name,mimeType,parents,modifiedTime,size,webViewLink,trashed";
  private static final String LIST_FIELDS = "nextPageToken,files(" + FILE_FIELDS + ")";
  private static final String CHANGE_FIELDS =
      "nextPageToken,newStartPageToken,changes(fileId,removed,file(" + FILE_FIELDS + "))";

  @Override
  public SyncResult sync(UUID userId, SyncType type, SyncRun run) throws Exception {
    Drive client = api.client(userId);
    boolean keepContent = keepsContent(userId);
    RunProgress progress = new RunProgress(run);
    SyncState state = files.state(userId);
    boolean full =
        type == SyncType.FULL ? true : state.fullInProgress() || state.changesToken() == null;
    if (full) {
      fullPass(userId, client, state, type == SyncType.FULL, keepContent, progress);
    } else if (!changesPass(userId, client, state, keepContent, progress)) {
      full = true; // the changes token expired: start over
      fullPass(userId, client, files.state(userId), true, keepContent, progress);
    }
    if (keepContent) {
      contentPass(userId, client, progress);
    }
    return new SyncResult(full ? SyncType.FULL : SyncType.INCREMENTAL, progress.processed());
  }

  @Override
  public Stats stats(UUID userId) {
    DriveRepository.Counts counts = files.counts(userId);
    return new Stats(counts.files(), counts.folders(), counts.trashed(), counts.withText());
  }

  /** The counts of the sync status answer. */
  public record Stats(long fileCount, long folderCount, long trashedCount, long withTextCount)
      implements SyncStats {}

  /** Whether the person lets Theo keep documents' text and granted the scope to read it. */
  private boolean keepsContent(UUID userId) {
    boolean granted =
        Boolean.TRUE.equals(
            scopes
                .checkScopes(Scopes.DRIVE_INTEGRATION, userId)
                .capabilities()
                .get("canReadContent"));
    return granted && files.state(userId).keepContent();
  }

  /**
   * Lists every file, a page per commit; a pass in progress resumes at its stored page unless a new
   * full pass was asked for.
   */
  private void fullPass(
      UUID userId,
      Drive client,
      SyncState state,
      boolean restart,
      boolean keepContent,
      RunProgress progress)
      throws IOException {
    long passNo;
    String pageToken;
    if (state.fullInProgress() && !restart) {
      passNo = state.passNo();
      pageToken = state.fullPageToken();
    } else {
      StartPageToken start = api.execute(userId, client.changes().getStartPageToken());
      passNo = files.startFullPass(userId, start.getStartPageToken(), clock.instant());
      pageToken = null;
    }
    do {
      FileList page =
          api.execute(
              userId,
              client
                  .files()
                  .list()
                  .setPageSize(PAGE_SIZE)
                  .setSpaces("drive")
                  .setFields(LIST_FIELDS)
                  .setPageToken(pageToken));
      List<DriveFile> listed = page.getFiles() == null ? List.of() : mapAll(page.getFiles());
      pageToken = page.getNextPageToken();
      files.saveFullPage(
          userId,
          listed,
          passNo,
          pageToken,
          properties.content().maxBytes(),
          keepContent,
          clock.instant());
      progress.add(listed.size());
      if (pageToken != null) {
        progress.checkCancelled();
      }
    } while (pageToken != null);
    files.finishFullPass(userId, passNo, clock.instant());
  }

  /**
   * Reads the changes feed from the stored token to its end: new, renamed, moved and trashed files
   * are stored again, removed ones (deleted, or no longer shared with the person) deleted. Returns
   * false when Google no longer knows the token.
   */
  private boolean changesPass(
      UUID userId, Drive client, SyncState state, boolean keepContent, RunProgress progress)
      throws IOException {
    String token = state.changesToken();
    while (token != null) {
      ChangeList page;
      try {
        page =
            api.execute(
                userId,
                client
                    .changes()
                    .list(token)
                    .setPageSize(PAGE_SIZE)
                    .setIncludeRemoved(true)
                    .setSpaces("drive")
                    .setFields(CHANGE_FIELDS));
      } catch (GoogleNotFoundException | GoogleInvalidRequestException e) {
        return false;
      }
      List<DriveFile> changed = new ArrayList<>();
      List<String> removed = new ArrayList<>();
      for (Change change : page.getChanges() == null ? List.<Change>of() : page.getChanges()) {
        if (Boolean.TRUE.equals(change.getRemoved()) || change.getFile() == null) {
          removed.add(change.getFileId());
        } else {
          changed.add(map(change.getFile()));
        }
      }
      boolean caughtUp = page.getNextPageToken() == null;
      String next = caughtUp ? page.getNewStartPageToken() : page.getNextPageToken();
      if (next == null) {
        next = token; // a malformed last page: keep the position rather than lose it
      }
      files.saveChanges(
          userId,
          changed,
          removed,
          next,
          caughtUp,
          properties.content().maxBytes(),
          keepContent,
          clock.instant());
      progress.add(changed.size() + removed.size());
      if (caughtUp) {
        return true;
      }
      token = next;
      progress.checkCancelled();
    }
    return true;
  }

  /**
   * Fetches the text of documents marked pending (in the chosen folders), a batch at a time with
   * {@code parallel-downloads} in flight, each file committed on its own as its text arrives: the
   * pending mark is the checkpoint. Text is stored, never logged.
   */
  private void contentPass(UUID userId, Drive client, RunProgress progress)
      throws IOException, InterruptedException {
    List<String> folders = files.state(userId).folderIds();
    ExecutorService downloads =
        Executors.newFixedThreadPool(properties.content().parallelDownloads());
    try {
      List<DriveFile> pending;
      while (!(pending = files.pendingContent(userId, folders, CONTENT_BATCH)).isEmpty()) {
        List<Future<Fetched>> fetching = new ArrayList<>(pending.size());
        for (DriveFile file : pending) {
          fetching.add(downloads.submit(() -> new Fetched(file.id(), text(userId, client, file))));
        }
        for (Future<Fetched> future : fetching) {
          Fetched fetched = await(future);
          files.saveContent(userId, fetched.fileId(), fetched.text());
        }
        progress.add(0);
        progress.checkCancelled();
      }
    } finally {
      downloads.shutdownNow();
    }
  }

  /** One file's text as fetched (null: none could be read). */
  private record Fetched(String fileId, @Nullable String text) {}

  private static Fetched await(Future<Fetched> future) throws IOException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(cause);
    }
  }

  private @Nullable String text(UUID userId, Drive client, DriveFile file) throws IOException {
    try {
      long max = properties.content().maxBytes();
      if (DriveFile.GOOGLE_DOC.equals(file.mimeType())) {
        Drive.Files.Export export = client.files().export(file.id(), "text/plain");
        return api.text(userId, export::executeMediaAsInputStream, max);
      }
      Drive.Files.Get get = client.files().get(file.id());
      return api.text(userId, get::executeMediaAsInputStream, max);
    } catch (GoogleNotFoundException e) {
      return null; // gone since it was listed; the next changes pass removes it
    }
  }

  static List<DriveFile> mapAll(List<File> listed) {
    List<DriveFile> mapped = new ArrayList<>(listed.size());
    for (File file : listed) {
      mapped.add(map(file));
    }
    return mapped;
  }

  static DriveFile map(File file) {
    DateTime modified = file.getModifiedTime();
    return new DriveFile(
        file.getId(),
        file.getName() == null ? "" : file.getName(),
        file.getMimeType() == null ? "application/octet-stream" : file.getMimeType(),
        file.getParents() == null ? List.of() : file.getParents(),
        modified == null ? null : Instant.ofEpochMilli(modified.getValue()),
        file.getSize(),
        file.getWebViewLink(),
        Boolean.TRUE.equals(file.getTrashed()));
  }

  /** Decodes UTF-8 text up to {@code maxBytes}; anything else (binary, too long) is no text. */
  static @Nullable String decode(InputStream in, long maxBytes) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString()
          .replace("\u0000", "")
          .replaceFirst("^\uFEFF", ""); // Google's text/plain exports begin with a BOM
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
