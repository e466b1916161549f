package theo.gmail.approval;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import theo.platform.InvalidInputException;
import theo.platform.TextRules;

/**
 * An email Theo may send: validated recipients, subject and body, written by Jakarta Mail as the
 * RFC 822 message Gmail's {@code raw} field takes.
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
  // Gmail's limits: a header line of 998 characters, 100 recipients, 254-character addresses.
  private static final int MAX_ADDRESS = 254;
  private static final int MAX_RECIPIENTS_TEXT = MAX_RECIPIENTS * (MAX_ADDRESS + 2);

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

    /**
     * What Gmail itself refuses, checked before anything reaches it (a refused request must leave
     * no draft behind): one-line subjects and recipients of sane length; then {@link #validate}.
     */
    Email checked() {
      TextRules.oneLine("subject", subject, MAX_SUBJECT);
      for (Object recipients : Arrays.asList(to, cc, bcc)) {
        if (recipients instanceof String text) {
          TextRules.oneLine("recipients", text, MAX_RECIPIENTS_TEXT);
        } else if (recipients instanceof List<?> list) {
          if (list.size() > MAX_RECIPIENTS) {
            throw new InvalidInputException("at most " + MAX_RECIPIENTS + " recipients");
          }
          for (Object item : list) {
            if (item instanceof String text) {
              TextRules.oneLine("recipients", text, MAX_ADDRESS);
            }
          }
        }
      }
      TextRules.oneLine("threadId", threadId, MAX_ADDRESS);
      return validate();
    }

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

  /** The payload an email approval stores before its draft exists. */
  EmailPayload payload() {
    return new EmailPayload(this, null, null);
  }

  /**
   * The message as base64url RFC 822, ready for Gmail's {@code raw}, built by Jakarta Mail: UTF-8
   * text in the transfer encoding its content needs, RFC 2047 headers, and a multipart/alternative
   * when there is an HTML body. Bcc stays in (Gmail reads it to deliver, then drops it); Gmail adds
   * Date and Message-ID.
   */
  String raw() {
    try {
      MimeMessage message = new WithoutMessageId();
      message.setRecipients(Message.RecipientType.TO, internet(to));
      if (!cc.isEmpty()) {
        message.setRecipients(Message.RecipientType.CC, internet(cc));
      }
      if (!bcc.isEmpty()) {
        message.setRecipients(Message.RecipientType.BCC, internet(bcc));
      }
      message.setSubject(subject, "UTF-8");
      if (bodyHtml == null) {
        message.setText(body, "UTF-8");
      } else {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(body, "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(bodyHtml, "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", plain, html));
      }
      message.saveChanges();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      message.writeTo(out);
      return Base64.getUrlEncoder().encodeToString(out.toByteArray());
    } catch (MessagingException | IOException e) {
      // The addresses and text were validated; a failure here is a bug, not bad input.
      throw new IllegalStateException("Could not write the email as RFC 822", e);
    }
  }

  private static InternetAddress[] internet(List<String> addresses) throws AddressException {
    InternetAddress[] result = new InternetAddress[addresses.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = new InternetAddress(addresses.get(i), true);
    }
    return result;
  }

  /**
   * Jakarta Mail would name a Message-ID after this host (a DNS lookup, and the host name in every
   * message); Gmail assigns one instead.
   */
  private static final class WithoutMessageId extends MimeMessage {
    WithoutMessageId() {
      super(Session.getInstance(new Properties()));
    }

    @Override
    protected void updateMessageID() {
      // left to Gmail
    }
  }
}
