package theo.drive;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One Drive file's metadata as stored and as the read API answers it. */
record DriveFile(
    String id,
    String name,
    String mimeType,
    List<String> parents,
    @Nullable Instant modifiedTime,
    @Nullable Long size,
    @Nullable String webViewLink,
    boolean trashed) {

  static final String FOLDER = "application/vnd.google-apps.folder";
  static final String GOOGLE_DOC = "application/vnd.google-apps.document";

  DriveFile {
    parents = List.copyOf(parents);
  }

  boolean isFolder() {
    return FOLDER.equals(mimeType);
  }

  /** Whether its text is worth keeping: a Google Doc (exported) or a text file up to the limit. */
  boolean hasReadableText(long maxBytes) {
    if (trashed) {
      return false;
    }
    if (GOOGLE_DOC.equals(mimeType)) {
      return true;
    }
    return mimeType.startsWith("text/") && size != null && size <= maxBytes;
  }
}
