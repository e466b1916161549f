package theo.gmail;

import com.google.api.services.gmail.model.Label;
import com.google.api.services.gmail.model.Message;
import com.google.api.services.gmail.model.MessagePart;
import com.google.api.services.gmail.model.MessagePartHeader;
import com.google.api.services.people.v1.model.Person;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Google's Gmail and People objects to the rows Theo stores. */
final class GmailMappers {
  private GmailMappers() {}

  static LabelRow label(Label label) {
    return new LabelRow(
        label.getId(),
        label.getName() == null ? label.getId() : label.getName(),
        label.getType() == null ? "user" : label.getType().toLowerCase(Locale.ROOT));
  }

  /**
   * A message in format {@code full}: the headers the pages show, and the first text/plain and
   * text/html parts that are not attachments, decoded.
   */
  static MessageRow message(Message message) {
    MessagePart payload = message.getPayload();
    List<MessagePartHeader> headers =
        payload == null || payload.getHeaders() == null ? List.of() : payload.getHeaders();
    Bodies bodies = new Bodies();
    if (payload != null) {
      bodies.collect(payload);
    }
    return new MessageRow(
        message.getId(),
        message.getThreadId(),
        header(headers, "From"),
        header(headers, "To"),
        header(headers, "Cc"),
        header(headers, "Subject"),
        header(headers, "Date"),
        Objects.requireNonNullElse(message.getSnippet(), ""),
        message.getLabelIds() == null ? List.of() : List.copyOf(message.getLabelIds()),
        Instant.ofEpochMilli(message.getInternalDate() == null ? 0 : message.getInternalDate()),
        message.getSizeEstimate() == null ? 0 : message.getSizeEstimate(),
        message.getHistoryId() == null ? 0 : message.getHistoryId().longValue(),
        bodies.text,
        bodies.html);
  }

  static ContactRow contact(Person person) {
    String name =
        person.getNames() == null || person.getNames().isEmpty()
            ? ""
            : Objects.requireNonNullElse(person.getNames().get(0).getDisplayName(), "");
    List<String> emails =
        person.getEmailAddresses() == null
            ? List.of()
            : person.getEmailAddresses().stream()
                .map(email -> email.getValue())
                .filter(Objects::nonNull)
                .toList();
    List<String> phones =
        person.getPhoneNumbers() == null
            ? List.of()
            : person.getPhoneNumbers().stream()
                .map(phone -> phone.getValue())
                .filter(Objects::nonNull)
                .toList();
    String organization =
        person.getOrganizations() == null || person.getOrganizations().isEmpty()
            ? null
            : person.getOrganizations().get(0).getName();
    return new ContactRow(person.getResourceName(), name, emails, phones, organization);
  }

  /** Plain text of an HTML body, for messages that have no text part. */
  static String textOf(String html) {
    return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "")
        .replaceAll("(?i)<br\\s*/?>|</p>|</div>", "\n")
        .replaceAll("<[^>]+>", "")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .strip();
  }

  private static String header(List<MessagePartHeader> headers, String name) {
    for (MessagePartHeader header : headers) {
      if (name.equalsIgnoreCase(header.getName())) {
        return Objects.requireNonNullElse(header.getValue(), "");
      }
    }
    return "";
  }

  private static final class Bodies {
    String text;
    String html;

    void collect(MessagePart part) {
      String mimeType = Objects.requireNonNullElse(part.getMimeType(), "").toLowerCase(Locale.ROOT);
      boolean attachment = part.getFilename() != null && !part.getFilename().isEmpty();
      if (!attachment && part.getBody() != null && part.getBody().getData() != null) {
        if (text == null && mimeType.startsWith("text/plain")) {
          text = decode(part);
        } else if (html == null && mimeType.startsWith("text/html")) {
          html = decode(part);
        }
      }
      if (part.getParts() != null) {
        part.getParts().forEach(this::collect);
      }
    }

    private static String decode(MessagePart part) {
      return new String(part.getBody().decodeData(), StandardCharsets.UTF_8);
    }
  }

  record LabelRow(String id, String name, String type) {}

  record MessageRow(
      String id,
      String threadId,
      String from,
      String to,
      String cc,
      String subject,
      String dateHeader,
      String snippet,
      List<String> labelIds,
      Instant internalDate,
      int sizeEstimate,
      long historyId,
      String bodyText,
      String bodyHtml) {}

  record ContactRow(
      String resourceName,
      String displayName,
      List<String> emails,
      List<String> phones,
      String organization) {}
}
