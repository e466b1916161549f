package theo.emulator.drive;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;

/**
 * The {@code orderBy} of {@code files.list} and its page tokens. A token holds the sort key of the
 * last file answered, so the next page starts after it even when files were added or removed in
 * between (a changed file may move behind the position: the changes feed reports it).
 */
final class FileOrder {
  private static final Gson GSON = new Gson();
  private static final List<String> KEYS =
      List.of(
          "createdTime",
          "folder",
          "modifiedByMeTime",
          "modifiedTime",
          "name",
          "name_natural",
          "quotaBytesUsed",
          "recency",
          "sharedWithMeTime",
          "starred",
          "viewedByMeTime");

  /** Drive leaves the order of an unsorted listing open; the emulator's is newest first. */
  private static final String DEFAULT = "modifiedTime desc";

  private record Key(String name, boolean descending) {}

  private final String canonical;
  private final List<Key> keys;

  private FileOrder(String canonical, List<Key> keys) {
    this.canonical = canonical;
    this.keys = keys;
  }

  static FileOrder parse(String orderBy) {
    String text = orderBy == null || orderBy.isBlank() ? DEFAULT : orderBy;
    List<Key> keys = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (String part : text.split(",")) {
      String[] words = part.trim().split("\\s+");
      if (words.length == 0
          || words.length > 2
          || !KEYS.contains(words[0])
          || (words.length == 2 && !words[1].equalsIgnoreCase("desc"))) {
        throw GoogleErrors.ApiError.of(400, "invalid", "Invalid Value")
            .location("orderBy", "parameter")
            .exception();
      }
      keys.add(new Key(words[0], words.length == 2));
      parts.add(words[0] + (words.length == 2 ? " desc" : ""));
    }
    return new FileOrder(String.join(",", parts), keys);
  }

  /** The files in this order; each file's sort key is built once. */
  List<DriveFile> sort(List<DriveFile> files) {
    List<Keyed> keyed = new ArrayList<>(files.size());
    for (DriveFile file : files) {
      keyed.add(new Keyed(file, sortKey(file)));
    }
    keyed.sort((a, b) -> compare(a.key(), b.key()));
    List<DriveFile> sorted = new ArrayList<>(keyed.size());
    for (Keyed each : keyed) {
      sorted.add(each.file());
    }
    return sorted;
  }

  private record Keyed(DriveFile file, List<String> key) {}

  /** The page token naming {@code file} as the last one answered. */
  String token(DriveFile file) {
    List<String> values = new ArrayList<>();
    values.add(canonical);
    values.addAll(sortKey(file));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(GSON.toJson(values).getBytes(StandardCharsets.UTF_8));
  }

  Position readToken(String token) {
    try {
      String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      String[] values = GSON.fromJson(json, String[].class);
      if (values == null || values.length != keys.size() + 2 || !canonical.equals(values[0])) {
        throw invalidToken();
      }
      List<String> key = List.of(values).subList(1, values.length);
      return file -> compare(key, sortKey(file)) < 0;
    } catch (IllegalArgumentException | JsonParseException | NullPointerException e) {
      throw invalidToken();
    }
  }

  /** Where the previous page ended. */
  @FunctionalInterface
  interface Position {
    /** Whether {@code file} comes after the position, so belongs to the next pages. */
    boolean isBefore(DriveFile file);
  }

  private int compare(List<String> a, List<String> b) {
    for (int i = 0; i < keys.size(); i++) {
      int order = a.get(i).compareTo(b.get(i));
      if (order != 0) {
        return keys.get(i).descending() ? -order : order;
      }
    }
    return a.get(keys.size()).compareTo(b.get(keys.size()));
  }

  private List<String> sortKey(DriveFile file) {
    List<String> values = new ArrayList<>(keys.size() + 1);
    for (Key key : keys) {
      values.add(value(key.name(), file));
    }
    values.add(file.id);
    return values;
  }

  private static String value(String key, DriveFile file) {
    return switch (key) {
      case "createdTime" -> number(file.createdTime.toEpochMilli());
      case "folder" -> file.isFolder() ? "0" : "1";
      case "name", "name_natural" -> file.name.toLowerCase(Locale.ROOT) + "\u0000" + file.name;
      case "quotaBytesUsed" -> number(file.isGoogleNative() ? 0 : file.size());
      case "sharedWithMeTime" ->
          number(file.sharedWithMeTime == null ? 0 : file.sharedWithMeTime.toEpochMilli());
      case "starred" -> file.starred ? "0" : "1";
      default -> number(file.modifiedTime.toEpochMilli());
    };
  }

  /** Zero-padded to 20 digits, so that text order is number order (values are never negative). */
  private static String number(long value) {
    String digits = Long.toString(Math.max(0, value));
    return "0".repeat(20 - digits.length()) + digits;
  }

  private static ApiException invalidToken() {
    return GoogleErrors.ApiError.of(400, "invalid", "Invalid Value")
        .location("pageToken", "parameter")
        .exception();
  }
}
