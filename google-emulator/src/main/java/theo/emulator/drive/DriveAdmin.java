package theo.emulator.drive;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import theo.emulator.EmulatorContext;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;

/**
 * The drive part of the admin API under {@code /emulator/accounts/{email}/drive/...}: generate a
 * drive, and create, change (rename, move, trash, new content, share, unshare) and delete files
 * "from Google's side", each a change in the account's changes feed; and a summary of what a client
 * should have stored.
 */
final class DriveAdmin {
  private static final String BASE = "/emulator/accounts/{email}/drive";

  private final EmulatorContext context;
  private final DriveSurface surface;

  DriveAdmin(EmulatorContext context, DriveSurface surface) {
    this.context = context;
    this.surface = surface;
  }

  void register(Router router) {
    router
        .post(BASE + "/generate", request -> locked(request, this::generate))
        .post(BASE + "/files", request -> locked(request, this::create))
        .patch(BASE + "/files/{fileId}", request -> locked(request, this::update))
        .delete(BASE + "/files/{fileId}", request -> locked(request, this::delete))
        .get(BASE + "/summary", request -> locked(request, this::summary));
  }

  @FunctionalInterface
  private interface AdminCall {
    Response handle(Request request, AccountDrive drive);
  }

  private Response locked(Request request, AdminCall call) {
    String email = request.pathVariable("email");
    AccountDrive drive =
        surface
            .drive(email)
            .orElseThrow(() -> GoogleErrors.apiException(404, "notFound", "No account " + email));
    synchronized (drive) {
      return call.handle(request, drive);
    }
  }

  private Response generate(Request request, AccountDrive drive) {
    Map<String, Object> body = request.jsonObject();
    int count = (int) number(body, "count", 100, 0, 200_000);
    long seed = number(body, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    int generated = DriveGenerator.generate(drive, count, seed);
    Map<String, Object> result = summaryOf(drive);
    result.put("generated", generated);
    return Response.json(200, result);
  }

  private Response create(Request request, AccountDrive drive) {
    Map<String, Object> body = request.jsonObject();
    String name = text(body, "name");
    if (name == null || name.isBlank()) {
      throw badRequest("A file needs a name");
    }
    String mimeType = text(body, "mimeType");
    if (mimeType == null || mimeType.isBlank()) {
      mimeType = "text/plain";
    }
    String sharedBy = text(body, "sharedBy");
    DriveFile file;
    if (sharedBy != null && !sharedBy.equalsIgnoreCase(drive.account.email())) {
      if (!sharedBy.contains("@")) {
        throw badRequest("sharedBy must be an email address");
      }
      file =
          new DriveFile(
              DriveIds.random(),
              name,
              mimeType,
              drive.now(),
              sharedBy,
              sharedBy.substring(0, sharedBy.indexOf('@')),
              false);
      file.shared = true;
      file.sharedWithMeTime = drive.now();
    } else {
      file =
          new DriveFile(
              DriveIds.random(),
              name,
              mimeType,
              drive.now(),
              drive.account.email(),
              drive.account.name(),
              true);
      file.parents.addAll(parents(body, "parents", drive, List.of(drive.rootId)));
      file.shared = Boolean.TRUE.equals(body.get("shared"));
    }
    file.starred = Boolean.TRUE.equals(body.get("starred"));
    if (!file.isFolder()) {
      file.content(content(body).orElse(new byte[0]));
    }
    drive.add(file);
    return DriveJson.admin(201, DriveJson.file(file));
  }

  /**
   * Changes a file as its owner or Google would: {@code name} (rename), {@code parents} or {@code
   * addParents}/{@code removeParents} (move), {@code trashed} (a folder's contents follow), {@code
   * content}/{@code contentBase64} (new bytes), {@code starred}, {@code shared} ({@code false} on a
   * file shared with the person removes it from their drive).
   */
  private Response update(Request request, AccountDrive drive) {
    Map<String, Object> body = request.jsonObject();
    String id = drive.resolve(request.pathVariable("fileId"));
    DriveFile file = drive.find(id).orElseThrow(() -> DriveSurface.notFound(id));
    if (Boolean.FALSE.equals(body.get("shared")) && !file.ownedByMe) {
      drive.remove(file.id);
      return Response.json(200, Map.of("id", file.id, "removed", true));
    }
    boolean modified = false;
    String name = text(body, "name");
    if (name != null) {
      if (name.isBlank()) {
        throw badRequest("A file needs a name");
      }
      file.name = name;
      modified = true;
    }
    if (body.containsKey("parents")) {
      file.parents = new ArrayList<>(parents(body, "parents", drive, List.of()));
    }
    if (body.containsKey("removeParents")) {
      file.parents.removeAll(parents(body, "removeParents", drive, List.of()));
    }
    if (body.containsKey("addParents")) {
      for (String parent : parents(body, "addParents", drive, List.of())) {
        if (!file.parents.contains(parent)) {
          file.parents.add(parent);
        }
      }
    }
    if (body.get("starred") instanceof Boolean starred) {
      file.starred = starred;
    }
    if (body.get("shared") instanceof Boolean shared) {
      file.shared = shared;
    }
    Optional<byte[]> content = content(body);
    if (content.isPresent()) {
      if (file.isFolder()) {
        throw badRequest("A folder has no content");
      }
      file.content(content.get());
      modified = true;
    }
    if (modified) {
      file.modifiedTime = drive.now();
    }
    Object trashed = body.get("trashed");
    if (trashed instanceof Boolean wanted && wanted != file.trashed) {
      trash(drive, file, wanted);
    }
    drive.changed(file);
    return DriveJson.admin(200, DriveJson.file(file));
  }

  private static void trash(AccountDrive drive, DriveFile file, boolean trashed) {
    file.trashed = trashed;
    file.explicitlyTrashed = trashed;
    file.trashedTime = trashed ? drive.now() : null;
    if (!file.isFolder()) {
      return;
    }
    for (DriveFile inside : drive.descendants(file.id)) {
      if (trashed && !inside.trashed) {
        inside.trashed = true;
        inside.trashedTime = file.trashedTime;
        drive.changed(inside);
      } else if (!trashed && inside.trashed && !inside.explicitlyTrashed) {
        inside.trashed = false;
        inside.trashedTime = null;
        drive.changed(inside);
      }
    }
  }

  /** Deletes a file for good (a folder with everything in it): removed changes. */
  private Response delete(Request request, AccountDrive drive) {
    String id = drive.resolve(request.pathVariable("fileId"));
    DriveFile file = drive.find(id).orElseThrow(() -> DriveSurface.notFound(id));
    List<DriveFile> gone = new ArrayList<>();
    gone.add(file);
    if (file.isFolder()) {
      gone.addAll(drive.descendants(file.id));
    }
    for (DriveFile each : gone) {
      drive.remove(each.id);
    }
    return Response.json(200, Map.of("id", file.id, "removed", gone.size()));
  }

  private Response summary(Request request, AccountDrive drive) {
    return Response.json(200, summaryOf(drive));
  }

  static Map<String, Object> summaryOf(AccountDrive drive) {
    long total = 0;
    long folders = 0;
    long trashed = 0;
    long sharedWithMe = 0;
    for (DriveFile file : drive.files()) {
      if (file.trashed) {
        trashed++;
        continue;
      }
      total++;
      if (file.isFolder()) {
        folders++;
      }
      if (!file.ownedByMe) {
        sharedWithMe++;
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("filesTotal", total);
    summary.put("folders", folders);
    summary.put("trashed", trashed);
    summary.put("sharedWithMe", sharedWithMe);
    summary.put("startPageToken", Long.toString(drive.startPageToken()));
    return summary;
  }

  private static List<String> parents(
      Map<String, Object> body, String key, AccountDrive drive, List<String> fallback) {
    Object value = body.get(key);
    if (value == null) {
      return fallback;
    }
    List<String> ids = new ArrayList<>();
    if (value instanceof String single) {
      for (String id : single.split(",")) {
        ids.add(id.trim());
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        ids.add(String.valueOf(item));
      }
    } else {
      throw badRequest(key + " must be a list of folder ids");
    }
    List<String> resolved = new ArrayList<>();
    for (String id : ids) {
      String folder = drive.resolve(id);
      boolean isFolder =
          folder.equals(drive.rootId) || drive.find(folder).map(DriveFile::isFolder).orElse(false);
      if (!isFolder) {
        throw badRequest("No folder " + id);
      }
      resolved.add(folder);
    }
    return resolved;
  }

  private static Optional<byte[]> content(Map<String, Object> body) {
    String text = text(body, "content");
    if (text != null) {
      return Optional.of(text.getBytes(StandardCharsets.UTF_8));
    }
    String base64 = text(body, "contentBase64");
    if (base64 != null) {
      try {
        return Optional.of(Base64.getDecoder().decode(base64));
      } catch (IllegalArgumentException e) {
        throw badRequest("contentBase64 is not base64");
      }
    }
    return Optional.empty();
  }

  private static String text(Map<String, Object> body, String key) {
    Object value = body.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw badRequest(key + " must be a string");
    }
    return text;
  }

  private static long number(
      Map<String, Object> body, String key, long fallback, long min, long max) {
    Object value = body.get(key);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number number)
        || number.doubleValue() != Math.rint(number.doubleValue())) {
      throw badRequest(key + " must be a whole number");
    }
    long result = number.longValue();
    if (result < min || result > max) {
      throw badRequest(key + " must be between " + min + " and " + max);
    }
    return result;
  }

  private static ApiException badRequest(String message) {
    return GoogleErrors.apiException(400, "invalid", message);
  }
}
