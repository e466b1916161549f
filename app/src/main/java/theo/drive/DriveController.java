package theo.drive;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import theo.auth.ScopeUpgrade;
import theo.auth.Scopes;
import theo.auth.SignedInUser;
import theo.drive.DriveRepository.Cursor;
import theo.drive.DriveRepository.FilePage;
import theo.drive.DriveRepository.FileQuery;
import theo.drive.DriveRepository.SyncState;
import theo.platform.InvalidInputException;
import theo.platform.ListRequests;

/**
 * The Drive read API: the synced files with search, folder filter and cursor paging; the folders to
 * choose from; and the sync settings (which folders, whether to keep documents' text).
 */
@RestController
@RequestMapping("/api/integrations/drive")
record DriveController(DriveRepository files, ScopeUpgrade scopeUpgrade, Clock clock) {
  static final int MAX_LIMIT = 250;
  static final int MAX_ID_LENGTH = 200;
  static final int MAX_FOLDERS = 500;

  /** A page of files, each as stored ({@link DriveFile} is the read API's answer too). */
  record FileList(List<DriveFile> items, long total, @Nullable String nextCursor) {}

  record Folder(String id, String name, boolean selected) {}

  record FolderList(List<Folder> items) {}

  /** The sync settings: folders chosen (empty = all of Drive) and whether to keep text. */
  record Settings(@Nullable List<String> folderIds, @Nullable Boolean keepContent) {}

  @GetMapping("/files")
  @theo.ratelimit.RateLimited("driveFiles")
  FileList files(
      @AuthenticationPrincipal SignedInUser user,
      @RequestParam(required = false) @Nullable String q,
      @RequestParam(required = false) @Nullable String folderId,
      @RequestParam(required = false) @Nullable Integer limit,
      @RequestParam(required = false) @Nullable String cursor) {
    UUID userId = connected(user);
    int size = ListRequests.limit(limit, MAX_LIMIT);
    String text = ListRequests.searchText("q", q);
    String folder = folderId == null || folderId.isBlank() ? null : folderId;
    if (folder != null && folder.length() > MAX_ID_LENGTH) {
      throw new InvalidInputException("folderId is not a Drive folder id");
    }
    Cursor after = cursor == null || cursor.isBlank() ? null : decode(cursor);
    SyncState state = files.state(userId);
    FilePage fetched =
        files.files(userId, new FileQuery(text, folder, state.folderIds(), size + 1, after));
    ListRequests.Page<DriveFile> page =
        ListRequests.page(fetched.items(), size, DriveController::cursorAfter);
    return new FileList(page.items(), fetched.total(), page.nextCursor());
  }

  @GetMapping("/folders")
  @theo.ratelimit.RateLimited("driveSettings")
  FolderList folders(@AuthenticationPrincipal SignedInUser user) {
    UUID userId = connected(user);
    List<String> chosen = files.state(userId).folderIds();
    return new FolderList(
        files.folders(userId).stream()
            .map(folder -> new Folder(folder.id(), folder.name(), chosen.contains(folder.id())))
            .toList());
  }

  @GetMapping("/settings")
  @theo.ratelimit.RateLimited("driveSettings")
  Settings settings(@AuthenticationPrincipal SignedInUser user) {
    SyncState state = files.state(connected(user));
    return new Settings(state.folderIds(), state.keepContent());
  }

  /**
   * Saves the settings; they take effect at the next sync (turning text off drops the kept text at
   * once).
   */
  @PutMapping("/settings")
  @theo.ratelimit.RateLimited("driveSettings")
  Settings saveSettings(
      @AuthenticationPrincipal SignedInUser user, @RequestBody @Nullable Settings settings) {
    UUID userId = connected(user);
    if (settings == null || settings.folderIds() == null || settings.keepContent() == null) {
      throw new InvalidInputException("Send {\"folderIds\": [...], \"keepContent\": true|false}");
    }
    List<String> folders = settings.folderIds().stream().distinct().toList();
    if (folders.size() > MAX_FOLDERS) {
      throw new InvalidInputException("Choose at most " + MAX_FOLDERS + " folders");
    }
    for (String id : folders) {
      boolean folder =
          id != null
              && id.length() <= MAX_ID_LENGTH
              && files.file(userId, id).map(DriveFile::isFolder).orElse(false);
      if (!folder) {
        throw new InvalidInputException("folderIds must name synced Drive folders");
      }
    }
    files.saveSettings(userId, folders, settings.keepContent(), clock.instant());
    return new Settings(folders, settings.keepContent());
  }

  private UUID connected(SignedInUser user) {
    return scopeUpgrade.requireConnected(Scopes.DRIVE_INTEGRATION, user);
  }

  /** The raw cursor after {@code last}: its modified time (empty when unknown) and id. */
  private static String cursorAfter(DriveFile last) {
    return (last.modifiedTime() == null ? "" : last.modifiedTime().toString()) + "|" + last.id();
  }

  private static Cursor decode(String cursor) {
    try {
      String raw = ListRequests.decodeCursor(cursor);
      int bar = raw.indexOf('|');
      if (bar < 0 || bar == raw.length() - 1) {
        throw new IllegalArgumentException();
      }
      String time = raw.substring(0, bar);
      return new Cursor(time.isEmpty() ? null : Instant.parse(time), raw.substring(bar + 1));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidInputException("cursor is not one this API gave out");
    }
  }
}
