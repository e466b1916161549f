package theo.gmail.approval;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import theo.platform.InvalidInputException;

/**
 * An email Theo may send: validated recipients, subject and body, written as the RFC 822 message
 * Gmail's {@code raw} field takes (UTF-8, base64 bodies, RFC 2047 subject).
 */
record Email(
    List<String> to,
    List<String> cc,
    List<String> bcc,
    String subject,
    String body,
    @Nullable String bodyHtml,
    @Nullable String threadId) {
  private static final Pattern ADDRESS =
      Pattern.compile(
          "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
  private static final Pattern THREAD_ID = Pattern.compile("^[0-9a-fA-F]{1,32}$");
  static final int MAX_RECIPIENTS = 100;
  static final int MAX_SUBJECT = 998;
  static final int MAX_BODY = 1_000_000;

  /**
   * The JSON body of the create endpoints; {@code to}, {@code cc}, {@code bcc} take a string or a
   * list.
   */
  record Input(
      @Nullable Object to,
      @Nullable Object cc,
      @Nullable Object bcc,
      @Nullable String subject,
      @Nullable String body,
      @Nullable String bodyHtml,
      @Nullable String threadId,
      @Nullable Integer expiresInMinutes) {

    Email validate() {
      List<String> to = addresses("to", this.to);
      List<String> cc = addresses("cc", this.cc);
      List<String> bcc = addresses("bcc", this.bcc);
      if (to.isEmpty()) {
        throw invalid("to needs at least one address");
      }
      if (to.size() + cc.size() + bcc.size() > MAX_RECIPIENTS) {
        throw invalid("at most " + MAX_RECIPIENTS + " recipients");
      }
      if (subject == null || subject.isBlank()) {
        throw invalid("subject is required");
      }
      if (subject.length() > MAX_SUBJECT || subject.contains("\r") || subject.contains("\n")) {
        throw invalid("subject must be one line of at most " + MAX_SUBJECT + " characters");
      }
      String text = body == null ? "" : body;
      if (text.isBlank() && (bodyHtml == null || bodyHtml.isBlank())) {
        throw invalid("body is required");
      }
      if (text.length() > MAX_BODY || (bodyHtml != null && bodyHtml.length() > MAX_BODY)) {
        throw invalid("body is too long");
      }
      String thread = threadId == null || threadId.isBlank() ? null : threadId.trim();
      if (thread != null && !THREAD_ID.matcher(thread).matches()) {
        throw invalid("threadId is not a Gmail thread id");
      }
      return new Email(
          to,
          cc,
          bcc,
          subject.trim(),
          text,
          bodyHtml == null || bodyHtml.isBlank() ? null : bodyHtml,
          thread);
    }
  }

  private static List<String> addresses(String field, @Nullable Object value) {
    List<String> result = new ArrayList<>();
    if (value == null) {
      return result;
    }
    List<?> items;
    if (value instanceof String text) {
      items = text.isBlank() ? List.of() : List.of(text.split(","));
    } else if (value instanceof List<?> list) {
      items = list;
    } else {
      throw invalid(field + " must be an address or a list of addresses");
    }
    for (Object item : items) {
      if (!(item instanceof String text)
          || !ADDRESS.matcher(text.trim()).matches()
          || text.trim().length() > 254) {
        throw invalid(field + " has an invalid email address");
      }
      result.add(text.trim());
    }
    return result;
  }

  static InvalidInputException invalid(String message) {
    return new InvalidInputException(message);
  }

  /** One line for lists and the audit log. */
  String summary() {
    return "Email to " + String.join(", ", to) + ": " + subject;
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("to", to);
    map.put("cc", cc);
    map.put("bcc", bcc);
    map.put("subject", subject);
    map.put("body", body);
    map.put("bodyHtml", bodyHtml);
    map.put("threadId", threadId);
    return map;
  }

  @SuppressWarnings("unchecked")
  static Email fromMap(Map<String, Object> map) {
    return new Email(
        (List<String>) map.getOrDefault("to", List.of()),
        (List<String>) map.getOrDefault("cc", List.of()),
        (List<String>) map.getOrDefault("bcc", List.of()),
        (String) map.get("subject"),
        (String) map.getOrDefault("body", ""),
        (String) map.get("bodyHtml"),
        (String) map.get("threadId"));
  }

  /** The message as base64url RFC 822, ready for Gmail's {@code raw}. */
  String raw() {
    StringBuilder m = new StringBuilder();
    m.append("MIME-Version: 1.0\r\n");
    m.append("To: ").append(String.join(", ", to)).append("\r\n");
    if (!cc.isEmpty()) {
      m.append("Cc: ").append(String.join(", ", cc)).append("\r\n");
    }
    if (!bcc.isEmpty()) {
      m.append("Bcc: ").append(String.join(", ", bcc)).append("\r\n");
    }
    m.append("Subject: ").append(encodeHeader(subject)).append("\r\n");
    if (bodyHtml == null) {
      m.append(textPart("text/plain", body));
    } else {
      String boundary = "theo-" + UUID.randomUUID();
      m.append("Content-Type: multipart/alternative; boundary=\"")
          .append(boundary)
          .append("\"\r\n\r\n");
      m.append("--")
          .append(boundary)
          .append("\r\n")
          .append(textPart("text/plain", body))
          .append("\r\n");
      m.append("--")
          .append(boundary)
          .append("\r\n")
          .append(textPart("text/html", bodyHtml))
          .append("\r\n");
      m.append("--").append(boundary).append("--\r\n");
    }
    return Base64.getUrlEncoder().encodeToString(m.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private static String textPart(String type, String text) {
    return "Content-Type: "
        + type
        + "; charset=\"UTF-8\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'})
            .encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "\r\n";
  }

  private static String encodeHeader(String value) {
    if (value.chars().allMatch(c -> c >= 32 && c < 127)) {
      return value;
    }
    return "=?UTF-8?B?"
        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + "?=";
  }
}
