package theo.gmail.approval;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The RFC 822 message Theo hands Gmail reads back, with any MIME reader, as what was approved. */
class EmailTests {

  private static MimeMessage read(Email email) throws Exception {
    byte[] raw = Base64.getUrlDecoder().decode(email.raw());
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
  }

  @Test
  void rawWhenPlainTextThenRecipientsSubjectAndBodyReadBack() throws Exception {
    Email email =
        new Email(
            List.of("ann@example.com", "bo@example.com"),
            List.of("cy@example.com"),
            List.of("di@example.com"),
            "Quarterly numbers",
            "Hello Ann,\nsee attached.\n",
            null,
            null);

    MimeMessage message = read(email);

    assertThat(message.getRecipients(Message.RecipientType.TO))
        .extracting(Object::toString)
        .containsExactly("ann@example.com", "bo@example.com");
    assertThat(message.getRecipients(Message.RecipientType.CC))
        .extracting(Object::toString)
        .containsExactly("cy@example.com");
    // Gmail needs Bcc in the raw message to deliver it; it removes the header itself.
    assertThat(message.getRecipients(Message.RecipientType.BCC))
        .extracting(Object::toString)
        .containsExactly("di@example.com");
    assertThat(message.getSubject()).isEqualTo("Quarterly numbers");
    assertThat(message.isMimeType("text/plain")).isTrue();
    assertThat(((String) message.getContent()).replace("\r\n", "\n"))
        .isEqualTo("Hello Ann,\nsee attached.\n");
    assertThat(message.getMessageID()).as("left to Gmail").isNull();
  }

  @Test
  void rawWhenNonAsciiSubjectAndHtmlThenRfc2047HeaderAndAlternativeParts() throws Exception {
    Email email =
        new Email(
            List.of("zoe@example.com"),
            List.of(),
            List.of(),
            "Grüße aus Köln — 東京 📅",
            "Schöne Grüße",
            "<p>Schöne <b>Grüße</b></p>",
            "18c0ffee");

    MimeMessage message = read(email);
    byte[] raw = Base64.getUrlDecoder().decode(email.raw());

    assertThat(new String(raw, java.nio.charset.StandardCharsets.US_ASCII))
        .as("every header and body line is 7-bit")
        .doesNotContain("Grüße")
        .contains("Subject: =?UTF-8?");
    assertThat(message.getSubject()).isEqualTo("Grüße aus Köln — 東京 📅");
    MimeMultipart alternative = (MimeMultipart) message.getContent();
    assertThat(message.isMimeType("multipart/alternative")).isTrue();
    assertThat(alternative.getCount()).isEqualTo(2);
    assertThat(alternative.getBodyPart(0).isMimeType("text/plain")).isTrue();
    assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Schöne Grüße");
    assertThat(alternative.getBodyPart(1).isMimeType("text/html")).isTrue();
    assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Schöne <b>Grüße</b></p>");
  }
}
