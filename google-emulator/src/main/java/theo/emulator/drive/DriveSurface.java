package theo.emulator.drive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import theo.emulator.AccessGrant;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.Surface;
import theo.emulator.http.ApiException;
import theo.emulator.http.BatchHandler;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Handler;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;
import theo.emulator.quota.QuotaLimiter;

/**
 * Google Drive API v3 ({@code /drive/v3/...}): about, files (list with Drive's search syntax, get
 * with media download, export of Google-native files), the changes feed and the batch endpoint,
 * with Drive's scopes, errors and per-user query quota, plus the drive admin API.
 */
public final class DriveSurface implements Surface {
  static final String SCOPE = "https://www.googleapis.com/auth/";
  static final String METADATA_READONLY = SCOPE + "drive.metadata.readonly";
  static final String READONLY = SCOPE + "drive.readonly";

  /**
   * Scopes that see files' metadata (list, get, changes, about), as the discovery document says.
   */
  static final Set<String> METADATA_SCOPES =
      Set.of(
          SCOPE + "drive",
          SCOPE + "drive.appdata",
          SCOPE + "drive.file",
          SCOPE + "drive.meet.readonly",
          SCOPE + "drive.metadata",
          METADATA_READONLY,
          SCOPE + "drive.photos.readonly",
          READONLY);

  /** Scopes that may read files' content: the metadata scopes may not. */
  static final Set<String> CONTENT_SCOPES =
      Set.of(SCOPE + "drive", SCOPE + "drive.file", SCOPE + "drive.appdata", READONLY);

  static final Set<String> EXPORT_SCOPES = Set.of(SCOPE + "drive", SCOPE + "drive.file", READONLY);

  /** Google's published Drive limits: 12,000 queries per 60 seconds per user and per project. */
  static final int USER_QUERIES_PER_MINUTE = 12_000;

  static final int PROJECT_QUERIES_PER_MINUTE = 12_000;

  /** Google's limit for one Drive batch request. */
  static final int MAX_BATCH_PARTS = 100;

  private static final String BASE = "/drive/v3";
  private static final String SERVICE = "drive.googleapis.com";

  private final EmulatorContext context;
  private final Map<String, AccountDrive> drives = new ConcurrentHashMap<>();
  private final QuotaLimiter quota;

  public DriveSurface(EmulatorContext context) {
    this.context = context;
    this.quota =
        context.quotas().register("drive", USER_QUERIES_PER_MINUTE, PROJECT_QUERIES_PER_MINUTE);
    context
        .accounts()
        .onCreated(
            account -> drives.put(account.email(), new AccountDrive(account, context.clock())));
  }

  @Override
  public void register(Router router) {
    router
        .get(BASE + "/about", api(this::about))
        .get(BASE + "/files", api(this::listFiles))
        .get(BASE + "/files/{fileId}", api(this::getFile))
        .get(BASE + "/files/{fileId}/export", api(this::export))
        // Google's clients fetch media of methods marked useMediaDownloadService under /download
        .get("/download" + BASE + "/files/{fileId}", api(this::getFile))
        .get("/download" + BASE + "/files/{fileId}/export", api(this::export))
        .get(BASE + "/changes/startPageToken", api(this::startPageToken))
        .get(BASE + "/changes", api(this::listChanges))
        .post("/batch/drive/v3", new BatchHandler(router, MAX_BATCH_PARTS));
    new DriveAdmin(context, this).register(router);
  }

  /** The drive of an account, for the admin API. */
  Optional<AccountDrive> drive(String email) {
    return context.accounts().find(email).map(account -> drives.get(account.email()));
  }

  @FunctionalInterface
  private interface ApiCall {
    Response handle(Request request, AccessGrant grant, AccountDrive drive);
  }

  private Handler api(ApiCall call) {
    return request -> {
      context.stats().increment("drive.requests");
      AccessGrant grant = context.guard().require(request, METADATA_SCOPES);
      charge(grant.account());
      AccountDrive drive = drives.get(grant.account().email());
      synchronized (drive) {
        return call.handle(request, grant, drive);
      }
    };
  }

  /**
   * One query against Drive's quota. Over the per-user limit Drive answers 403 {@code
   * userRateLimitExceeded}; over the project's, 429 {@code rateLimitExceeded}; both in the {@code
   * usageLimits} domain with a {@code RATE_LIMIT_EXCEEDED} ErrorInfo and {@code Retry-After}.
   */
  private void charge(Account account) {
    Optional<QuotaLimiter.Exceeded> exceeded = quota.charge(account.email(), 1);
    if (exceeded.isEmpty()) {
      context.stats().add("drive.unitsUsed", 1);
      return;
    }
    context.stats().increment("drive.throttled");
    long seconds = Math.max(1, (quota.millisUntilAvailable(account.email(), 1) + 999) / 1000);
    GoogleErrors.ApiError error =
        exceeded.get() == QuotaLimiter.Exceeded.USER
            ? GoogleErrors.ApiError.of(403, "userRateLimitExceeded", "User rate limit exceeded.")
                .status("RESOURCE_EXHAUSTED")
            : GoogleErrors.ApiError.of(429, "rateLimitExceeded", "Rate limit exceeded.");
    Response refusal =
        error
            .domain("usageLimits")
            .info("RATE_LIMIT_EXCEEDED", GoogleErrors.GOOGLEAPIS, SERVICE)
            .response();
    throw new ApiException(refusal.withHeader("Retry-After", String.valueOf(seconds)));
  }

  // about

  private Response about(Request request, AccessGrant grant, AccountDrive drive) {
    if (request.query("fields").filter(value -> !value.isBlank()).isEmpty()) {
      throw GoogleErrors.ApiError.of(
              400, "required", "The 'fields' parameter is required for this method.")
          .location("fields", "parameter")
          .exception();
    }
    long usage = 0;
    long trash = 0;
    for (DriveFile file : drive.files()) {
      if (file.ownedByMe && !file.isGoogleNative()) {
        usage += file.size();
        if (file.trashed) {
          trash += file.size();
        }
      }
    }
    DriveJson.About about =
        new DriveJson.About(
            "drive#about",
            DriveJson.user(drive.account.email(), drive.account.name(), true),
            new DriveJson.StorageQuota(
                "16106127360", Long.toString(usage), Long.toString(usage), Long.toString(trash)),
            DriveExports.FORMATS,
            Map.of(
                "text/plain", List.of(DriveFile.DOCUMENT),
                "text/csv", List.of(DriveFile.SPREADSHEET)),
            "5242880000000",
            false,
            false,
            List.of("#ac725e", "#d06b64", "#f83a22", "#fa573c", "#ffad46", "#42d692"));
    return DriveJson.answer(request, about, "kind");
  }

  // files

  private Response listFiles(Request request, AccessGrant grant, AccountDrive drive) {
    int pageSize = pageSize(request);
    FileOrder order = FileOrder.parse(request.query("orderBy").orElse(null));
    Predicate<DriveFile> filter = DriveQuery.parse(request.query("q").orElse(null), drive);
    boolean appData =
        request.query("spaces").map(spaces -> !spaces.contains("drive")).orElse(false);
    List<DriveFile> matches = new ArrayList<>();
    if (!appData) {
      for (DriveFile file : drive.files()) {
        if (filter.test(file)) {
          matches.add(file);
        }
      }
    }
    matches = order.sort(matches);
    Optional<FileOrder.Position> after =
        request.query("pageToken").filter(token -> !token.isEmpty()).map(order::readToken);
    List<DriveJson.File> page = new ArrayList<>();
    String nextPageToken = null;
    DriveFile last = null;
    for (DriveFile file : matches) {
      if (after.isPresent() && !after.get().isBefore(file)) {
        continue;
      }
      if (page.size() == pageSize) {
        nextPageToken = order.token(last);
        break;
      }
      page.add(DriveJson.file(file));
      last = file;
    }
    return DriveJson.answer(
        request,
        new DriveJson.FileList("drive#fileList", nextPageToken, false, page),
        DriveJson.LIST_DEFAULT);
  }

  private Response getFile(Request request, AccessGrant grant, AccountDrive drive) {
    String id = drive.resolve(request.pathVariable("fileId"));
    String alt = request.query("alt").orElse("json");
    if (id.equals(drive.rootId)) {
      if (alt.equals("media")) {
        context.guard().require(request, CONTENT_SCOPES);
        throw notDownloadable();
      }
      return DriveJson.answer(request, DriveJson.root(drive), DriveJson.FILE_DEFAULT);
    }
    DriveFile file = drive.find(id).orElseThrow(() -> notFound(id));
    return switch (alt) {
      case "json" -> DriveJson.answer(request, DriveJson.file(file), DriveJson.FILE_DEFAULT);
      case "media" -> {
        context.guard().require(request, CONTENT_SCOPES);
        if (file.isGoogleNative()) {
          throw notDownloadable();
        }
        context.stats().increment("drive.downloads");
        yield Response.bytes(200, file.mimeType, file.content());
      }
      default ->
          throw GoogleErrors.ApiError.of(400, "invalidParameter", "Invalid value for: alt")
              .location("alt", "parameter")
              .exception();
    };
  }

  private Response export(Request request, AccessGrant grant, AccountDrive drive) {
    context.guard().require(request, EXPORT_SCOPES);
    String id = drive.resolve(request.pathVariable("fileId"));
    String mimeType =
        request
            .query("mimeType")
            .filter(value -> !value.isBlank())
            .orElseThrow(
                () ->
                    GoogleErrors.ApiError.of(400, "required", "Required parameter: mimeType")
                        .location("mimeType", "parameter")
                        .exception());
    if (id.equals(drive.rootId)) {
      throw DriveExports.notExportable();
    }
    DriveFile file = drive.find(id).orElseThrow(() -> notFound(id));
    context.stats().increment("drive.exports");
    return DriveExports.export(file, mimeType);
  }

  // changes

  private Response startPageToken(Request request, AccessGrant grant, AccountDrive drive) {
    return DriveJson.answer(
        request,
        new DriveJson.StartPageToken("drive#startPageToken", Long.toString(drive.startPageToken())),
        "kind,startPageToken");
  }

  private Response listChanges(Request request, AccessGrant grant, AccountDrive drive) {
    String token =
        request
            .query("pageToken")
            .filter(value -> !value.isBlank())
            .orElseThrow(
                () ->
                    GoogleErrors.ApiError.of(400, "required", "Required parameter: pageToken")
                        .location("pageToken", "parameter")
                        .exception());
    long from;
    try {
      from = Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw invalidPageToken();
    }
    if (from < 1) {
      throw invalidPageToken();
    }
    int pageSize = pageSize(request);
    boolean includeRemoved = bool(request, "includeRemoved", true);
    boolean myDriveOnly = bool(request, "restrictToMyDrive", false);
    List<AccountDrive.Change> entries = drive.changesFrom(from, pageSize, includeRemoved);
    List<DriveJson.Change> changes = new ArrayList<>();
    String nextPageToken = null;
    for (AccountDrive.Change entry : entries) {
      if (changes.size() == pageSize) {
        nextPageToken = Long.toString(entry.sequence());
        break;
      }
      DriveFile file = entry.removed() ? null : drive.find(entry.fileId()).orElse(null);
      if (myDriveOnly && file != null && !file.ownedByMe) {
        continue;
      }
      changes.add(
          new DriveJson.Change(
              "drive#change",
              "file",
              "file",
              DriveJson.time(entry.time()),
              file == null,
              entry.fileId(),
              file == null ? null : DriveJson.file(file)));
    }
    String newStartPageToken =
        nextPageToken == null ? Long.toString(Math.max(from, drive.startPageToken())) : null;
    return DriveJson.answer(
        request,
        new DriveJson.ChangeList("drive#changeList", nextPageToken, newStartPageToken, changes),
        DriveJson.CHANGES_DEFAULT);
  }

  // parameters and errors

  private static int pageSize(Request request) {
    Optional<String> value = request.query("pageSize");
    if (value.isEmpty()) {
      return 100;
    }
    try {
      int number = Integer.parseInt(value.get());
      if (number >= 1 && number <= 1000) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw GoogleErrors.ApiError.of(
            400,
            "invalid",
            "Invalid value '" + value.get() + "'. Values must be within the range: [1, 1000]")
        .location("pageSize", "parameter")
        .exception();
  }

  private static boolean bool(Request request, String name, boolean fallback) {
    Optional<String> value = request.query(name);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get()) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw GoogleErrors.ApiError.of(400, "invalidParameter", "Invalid value for: " + name)
              .location(name, "parameter")
              .exception();
    };
  }

  static ApiException notFound(String id) {
    return GoogleErrors.ApiError.of(404, "notFound", "File not found: " + id + ".")
        .location("fileId", "parameter")
        .exception();
  }

  private static ApiException notDownloadable() {
    return GoogleErrors.ApiError.of(
            403,
            "fileNotDownloadable",
            "Only files with binary content can be downloaded. Use Export with Docs Editors files.")
        .location("alt", "parameter")
        .exception();
  }

  private static ApiException invalidPageToken() {
    return GoogleErrors.ApiError.of(400, "invalid", "Invalid Value")
        .location("pageToken", "parameter")
        .exception();
  }
}
