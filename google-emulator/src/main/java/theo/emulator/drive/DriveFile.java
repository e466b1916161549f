package theo.emulator.drive;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * One file of an account's drive as the emulator stores it. Mutable, guarded by the drive it
 * belongs to. Content is either held (files created through the admin API) or rebuilt on demand
 * from a seed (generated files), so that a large generated drive holds only its metadata.
 */
final class DriveFile {
  static final String FOLDER = "application/vnd.google-apps.folder";
  static final String DOCUMENT = "application/vnd.google-apps.document";
  static final String SPREADSHEET = "application/vnd.google-apps.spreadsheet";
  static final String PRESENTATION = "application/vnd.google-apps.presentation";
  static final String GOOGLE_APPS = "application/vnd.google-apps.";

  final String id;
  String name;
  final String mimeType;
  List<String> parents = new ArrayList<>();
  final Instant createdTime;
  Instant modifiedTime;
  boolean trashed;
  boolean explicitlyTrashed;
  Instant trashedTime;
  boolean shared;
  boolean starred;

  /** The owner's email; another person's for a file shared with the account. */
  final String ownerEmail;

  final String ownerName;
  final boolean ownedByMe;
  Instant sharedWithMeTime;
  long version = 1;

  /** The sequence number of the file's latest change in its drive's change log. */
  long changeSequence;

  private Supplier<byte[]> content;
  private long size;
  private String md5;

  DriveFile(
      String id,
      String name,
      String mimeType,
      Instant createdTime,
      String ownerEmail,
      String ownerName,
      boolean ownedByMe) {
    this.id = id;
    this.name = name;
    this.mimeType = mimeType;
    this.createdTime = createdTime;
    this.modifiedTime = createdTime;
    this.ownerEmail = ownerEmail;
    this.ownerName = ownerName;
    this.ownedByMe = ownedByMe;
  }

  boolean isFolder() {
    return FOLDER.equals(mimeType);
  }

  /** Docs, Sheets, Slides and folders: no bytes of their own, exported rather than downloaded. */
  boolean isGoogleNative() {
    return mimeType.startsWith(GOOGLE_APPS);
  }

  /** Sets the content from a source that can build it again; size and checksum are kept. */
  void content(Supplier<byte[]> source) {
    byte[] bytes = source.get();
    this.content = source;
    this.size = bytes.length;
    this.md5 = md5(bytes);
  }

  void content(byte[] bytes) {
    byte[] copy = bytes.clone();
    content(() -> copy);
  }

  byte[] content() {
    return content == null ? new byte[0] : content.get();
  }

  boolean hasContent() {
    return content != null;
  }

  long size() {
    return size;
  }

  String md5Checksum() {
    return md5;
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
