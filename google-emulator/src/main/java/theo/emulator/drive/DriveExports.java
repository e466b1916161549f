package theo.emulator.drive;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Response;

/**
 * What {@code files.export} converts Google-native files to. Docs hold their text, Sheets CSV, so
 * the exports the emulator offers are the text ones; the rest of Google's formats answer Drive's
 * 400 "The requested conversion is not supported.".
 */
final class DriveExports {
  /** Offered in {@code about.exportFormats}. */
  static final Map<String, List<String>> FORMATS =
      Map.of(
          DriveFile.DOCUMENT, List.of("text/plain", "text/html", "text/markdown"),
          DriveFile.SPREADSHEET, List.of("text/csv", "text/tab-separated-values"),
          DriveFile.PRESENTATION, List.of("text/plain"));

  private DriveExports() {}

  /** Files whose bytes are text: plain text, CSV, Markdown, and the text behind Docs and Sheets. */
  static boolean isTextual(DriveFile file) {
    return file.hasContent()
        && (file.mimeType.startsWith("text/")
            || file.mimeType.equals(DriveFile.DOCUMENT)
            || file.mimeType.equals(DriveFile.SPREADSHEET)
            || file.mimeType.equals(DriveFile.PRESENTATION));
  }

  static Response export(DriveFile file, String mimeType) {
    if (!file.isGoogleNative() || file.isFolder()) {
      throw notExportable();
    }
    List<String> formats = FORMATS.getOrDefault(file.mimeType, List.of());
    if (!formats.contains(mimeType)) {
      throw GoogleErrors.ApiError.of(
              400, "badRequest", "The requested conversion is not supported.")
          .location("convertTo", "parameter")
          .exception();
    }
    String text = new String(file.content(), StandardCharsets.UTF_8);
    String body =
        switch (mimeType) {
          case "text/html" ->
              "<html><head><meta content=\"text/html; charset=UTF-8\" http-equiv=\"content-type\">"
                  + "<title>"
                  + escape(file.name)
                  + "</title></head><body>"
                  + paragraphs(text)
                  + "</body></html>";
          case "text/tab-separated-values" -> text.replace(',', '\t');
          case "text/plain" -> "\uFEFF" + text; // Google's text export starts with a BOM
          default -> text;
        };
    return Response.bytes(200, mimeType, body.getBytes(StandardCharsets.UTF_8));
  }

  static ApiException notExportable() {
    return GoogleErrors.ApiError.of(
            403, "fileNotExportable", "Export only supports Docs Editors files.")
        .exception();
  }

  private static String paragraphs(String text) {
    StringBuilder html = new StringBuilder();
    for (String line : text.split("\r?\n")) {
      html.append("<p>").append(escape(line)).append("</p>");
    }
    return html.toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
