package theo.gmail;

import com.google.api.services.gmail.model.Label;
import com.google.api.services.people.v1.model.Person;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Google's Gmail and People objects to the rows Theo stores. */
final class GmailMappers {
  private GmailMappers() {}

  static LabelRow label(Label label) {
    return new LabelRow(
        label.getId(),
        label.getName() == null ? label.getId() : label.getName(),
        label.getType() == null ? "user" : label.getType().toLowerCase(Locale.ROOT));
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

  record LabelRow(String id, String name, String type) {}

  /** A message as Theo stores it (read by {@link MessageRowParser}). */
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
      @Nullable Utf8Text bodyText,
      @Nullable Utf8Text bodyHtml) {}

  record ContactRow(
      String resourceName,
      String displayName,
      List<String> emails,
      List<String> phones,
      @Nullable String organization) {}
}
