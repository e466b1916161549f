package theo.emulator.drive;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import theo.emulator.http.FieldSelection;
import theo.emulator.http.Request;
import theo.emulator.http.Response;

/**
 * Drive v3's JSON shapes (as {@code drive.v3.json} declares them) and its partial answers: without
 * {@code fields}, Drive answers only a default set of fields ({@code files(kind,id,name,mimeType)}
 * and the like); with it, the selected ones (applied by the router's {@link FieldSelection}).
 */
final class DriveJson {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  static final String FILE_DEFAULT = "kind,id,name,mimeType";
  static final String LIST_DEFAULT =
      "kind,nextPageToken,incompleteSearch,files(" + FILE_DEFAULT + ")";
  static final String CHANGES_DEFAULT =
      "kind,nextPageToken,newStartPageToken,changes(kind,type,changeType,time,removed,fileId,file("
          + FILE_DEFAULT
          + "))";

  private DriveJson() {}

  record User(
      String kind, String displayName, boolean me, String permissionId, String emailAddress) {}

  record File(
      String kind,
      String id,
      String name,
      String mimeType,
      List<String> parents,
      List<String> spaces,
      String createdTime,
      String modifiedTime,
      boolean modifiedByMe,
      String size,
      String quotaBytesUsed,
      String md5Checksum,
      String fileExtension,
      String fullFileExtension,
      String originalFilename,
      String webViewLink,
      String webContentLink,
      String iconLink,
      boolean trashed,
      boolean explicitlyTrashed,
      String trashedTime,
      boolean shared,
      boolean starred,
      boolean ownedByMe,
      List<User> owners,
      User sharingUser,
      String sharedWithMeTime,
      boolean viewedByMe,
      String version,
      boolean hasThumbnail,
      Map<String, String> exportLinks) {}

  record FileList(String kind, String nextPageToken, boolean incompleteSearch, List<File> files) {}

  record Change(
      String kind,
      String type,
      String changeType,
      String time,
      boolean removed,
      String fileId,
      File file) {}

  record ChangeList(
      String kind, String nextPageToken, String newStartPageToken, List<Change> changes) {}

  record StartPageToken(String kind, String startPageToken) {}

  record StorageQuota(String limit, String usage, String usageInDrive, String usageInDriveTrash) {}

  record About(
      String kind,
      User user,
      StorageQuota storageQuota,
      Map<String, List<String>> exportFormats,
      Map<String, List<String>> importFormats,
      String maxUploadSize,
      boolean appInstalled,
      boolean canCreateDrives,
      List<String> folderColorPalette) {}

  static String time(Instant instant) {
    return instant == null ? null : RFC_3339.format(instant);
  }

  static User user(String email, String name, boolean me) {
    return new User("drive#user", name, me, DriveIds.permissionId(email), email);
  }

  static File file(DriveFile file) {
    boolean binary = !file.isGoogleNative();
    String extension = binary ? extension(file.name) : null;
    User owner = user(file.ownerEmail, file.ownerName, file.ownedByMe);
    return new File(
        "drive#file",
        file.id,
        file.name,
        file.mimeType,
        file.parents.isEmpty() ? null : List.copyOf(file.parents),
        List.of("drive"),
        time(file.createdTime),
        time(file.modifiedTime),
        file.ownedByMe,
        binary ? Long.toString(file.size()) : null,
        Long.toString(binary && file.ownedByMe ? file.size() : 0),
        binary ? file.md5Checksum() : null,
        extension,
        extension,
        binary ? file.name : null,
        webViewLink(file),
        binary ? "https://drive.google.com/uc?id=" + file.id + "&export=download" : null,
        "https://drive-thirdparty.googleusercontent.com/16/type/" + file.mimeType,
        file.trashed,
        file.explicitlyTrashed,
        file.trashed ? time(file.trashedTime) : null,
        file.shared,
        file.starred,
        file.ownedByMe,
        List.of(owner),
        file.ownedByMe ? null : owner,
        time(file.sharedWithMeTime),
        true,
        Long.toString(file.version),
        binary && file.mimeType.startsWith("image/"),
        exportLinks(file));
  }

  /** The root folder (My Drive) as {@code files.get('root')} answers it. */
  static File root(AccountDrive drive) {
    return new File(
        "drive#file",
        drive.rootId,
        "My Drive",
        DriveFile.FOLDER,
        null,
        List.of("drive"),
        time(drive.rootCreated),
        time(drive.rootCreated),
        true,
        null,
        "0",
        null,
        null,
        null,
        null,
        "https://drive.google.com/drive/folders/" + drive.rootId,
        null,
        "https://drive-thirdparty.googleusercontent.com/16/type/" + DriveFile.FOLDER,
        false,
        false,
        null,
        false,
        false,
        true,
        List.of(user(drive.account.email(), drive.account.name(), true)),
        null,
        null,
        true,
        "1",
        false,
        null);
  }

  static String webViewLink(DriveFile file) {
    return switch (file.mimeType) {
      case DriveFile.FOLDER -> "https://drive.google.com/drive/folders/" + file.id;
      case DriveFile.DOCUMENT ->
          "https://docs.google.com/document/d/" + file.id + "/edit?usp=drivesdk";
      case DriveFile.SPREADSHEET ->
          "https://docs.google.com/spreadsheets/d/" + file.id + "/edit?usp=drivesdk";
      case DriveFile.PRESENTATION ->
          "https://docs.google.com/presentation/d/" + file.id + "/edit?usp=drivesdk";
      default -> "https://drive.google.com/file/d/" + file.id + "/view?usp=drivesdk";
    };
  }

  private static Map<String, String> exportLinks(DriveFile file) {
    List<String> formats = DriveExports.FORMATS.get(file.mimeType);
    if (formats == null) {
      return null;
    }
    Map<String, String> links = new TreeMap<>();
    for (String format : formats) {
      links.put(
          format,
          "https://docs.google.com/feeds/download/documents/export/Export?id="
              + file.id
              + "&exportFormat="
              + format.substring(format.indexOf('/') + 1));
    }
    return links;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 || dot == name.length() - 1 ? null : name.substring(dot + 1);
  }

  /**
   * The answer for {@code body}: without a {@code fields} parameter only {@code defaultFields}
   * (Drive's default partial answer); with one, all of it for the router to select from.
   */
  static Response answer(Request request, Object body, String defaultFields) {
    JsonElement tree = GSON.toJsonTree(body);
    if (request.query("fields").filter(value -> !value.isBlank()).isEmpty()) {
      tree = FieldSelection.parse(defaultFields).apply(tree);
    }
    return Response.bytes(200, Response.JSON, GSON.toJson(tree).getBytes(StandardCharsets.UTF_8));
  }

  /** A whole answer, every field, for the admin API. */
  static Response admin(int status, Object body) {
    return Response.bytes(
        status, Response.JSON, GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
  }
}
